// `npm run kernels`: recompiles build/recommend/kernels.wat into kernelsWasm.ts after an edit.
import { writeFileSync } from 'node:fs';
import { compileKernels, kernelsModuleText } from '../build/recommend/compileKernels.ts';

const target = new URL('../build/recommend/kernelsWasm.ts', import.meta.url);
writeFileSync(target, kernelsModuleText(await compileKernels()));
process.stdout.write(`wrote ${target.pathname}\n`);
