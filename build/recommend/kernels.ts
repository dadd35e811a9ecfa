// The ranker's hot loops in WebAssembly (kernels.wat). Scoring a user is a scatter-add over the
// neighbour lists of every title they rated; in JavaScript each of those ~20,000 adds per user
// costs 7–9 ns on the 2-core machine (bounds checks, float32 → float64 through a typed array),
// in WebAssembly 2.4 ns, and EASE's dense rows add two lanes at a time. The kernels do the same
// IEEE double operations in the same order as the JavaScript they replaced, so every score, and
// so every site, is the same to the bit (tests/recommend/kernels.test.ts checks them against
// plain loops).
//
// Each Ranker lays out its arrays once in its own memory (`KernelMemory`): the views stay valid
// because the memory never grows, and the kernels take the views' byte offsets.
import { alignedBytes, pagesFor } from '../util/wasmMemory.ts';
import { KERNELS_WASM } from './kernelsWasm.ts';

interface KernelExports {
  sparseAdd(score: number, ptr: number, idx: number, val: number, rows: number, xs: number, count: number): void;
  denseAdd(acc: number, weights: number, width: number, rows: number, xs: number, count: number): void;
  maxOf(values: number, n: number): number;
  scaleAdd(dst: number, src: number, n: number, f: number): void;
  scatterScaled(dst: number, cols: number, src: number, n: number, f: number): void;
  explainSparse(ptr: number, idx: number, val: number, slot: number, rows: number, xs: number, count: number, best1: number, best1c: number, best2: number, best2c: number): void;
  explainDense(weights: number, width: number, rows: number, titles: number, xs: number, count: number, cols: number, k: number, best1: number, best1c: number, best2: number, best2c: number): void;
  candidates(score: number, rated: number, stamp: number, mask: number, n: number, out: number): number;
}

let compiled: WebAssembly.Module | null = null;

/** Compiled once per thread (the evaluation worker compiles its own). */
function kernelModule(): WebAssembly.Module {
  return (compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM, 'base64')));
}

/** Bytes `KernelMemory` needs for arrays of these byte sizes. */
export function kernelBytes(sizes: number[]): number {
  let total = 0;
  for (const s of sizes) total += alignedBytes(s);
  return total;
}

/**
 * A fixed-size WebAssembly memory with the kernels bound to it, handed out front to back as
 * typed-array views. Ask for at least `kernelBytes` of everything the views will hold.
 */
export class KernelMemory {
  readonly kernels: KernelExports;
  private readonly buffer: ArrayBuffer;
  private next = 0;

  constructor(bytes: number) {
    const memory = new WebAssembly.Memory({ initial: pagesFor(bytes) });
    this.buffer = memory.buffer;
    this.kernels = new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as KernelExports;
  }

  private take(bytes: number): number {
    const at = this.next;
    this.next += alignedBytes(bytes);
    if (this.next > this.buffer.byteLength) throw new Error(`kernel memory: ${this.next} bytes asked of ${this.buffer.byteLength}`);
    return at;
  }

  /** Zeroed doubles. */
  f64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.take(length * 8), length);
  }

  /** Zeroed int32s. */
  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.take(length * 4), length);
  }

  /** Zeroed bytes. */
  u8(length: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(length), length);
  }

  /** A copy of `from`. */
  copyI32(from: Int32Array): Int32Array {
    const view = this.i32(from.length);
    view.set(from);
    return view;
  }

  /** A copy of `from`. */
  copyF32(from: Float32Array): Float32Array {
    const view = new Float32Array(this.buffer, this.take(from.length * 4), from.length);
    view.set(from);
    return view;
  }
}
