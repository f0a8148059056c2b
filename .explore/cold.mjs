import { spawnSync } from 'node:child_process';
const cases = { bare: '', esm: "import('data:text/javascript,')", ky: "import('ky')", zodmini: "import('zod/mini')", webhooks: "import('./dist/webhooks.js')", index: "import('./dist/index.js')", chunkSchemas: "import('./dist/chunk-6GITEFH4.js')" };
const res = {};
for (let i = 0; i < 15; i++) for (const [k, code] of Object.entries(cases)) { const t = performance.now(); spawnSync(process.execPath, ['-e', code]); (res[k] ??= []).push(performance.now() - t); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(14), v[7].toFixed(1), v[0].toFixed(1)); }
