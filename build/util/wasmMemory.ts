// Sizes in a WebAssembly memory, shared by the ranker's kernel memory (build/recommend/kernels.ts)
// and the similarity kernel's (build/model/similarity.ts): both lay arrays out front to back.

/** Bytes in a WebAssembly page. */
export const WASM_PAGE = 65536;
/** A wasm32 memory's most pages: 4 GiB. */
export const WASM_MAX_PAGES = 65536;

/**
 * Bytes an array of `bytes` takes in a layout where every array starts on a 16-byte boundary, so
 * a two-lane load never straddles an element.
 */
export function alignedBytes(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** Pages that hold `bytes` (at least one). */
export function pagesFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WASM_PAGE));
}
