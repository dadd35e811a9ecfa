// `npm run kernels`: recompiles the WebAssembly text (build/recommend/kernels.wat,
// build/model/coRated.wat) into the modules that embed it, after an edit.
import { writeFileSync } from 'node:fs';
import { compileWasm, wasmModuleText, WASM_SOURCES } from '../build/util/compileWasm.ts';

for (const source of Object.values(WASM_SOURCES)) {
  writeFileSync(source.module, wasmModuleText(source, await compileWasm(source)));
  process.stdout.write(`wrote ${source.module.pathname}\n`);
}
