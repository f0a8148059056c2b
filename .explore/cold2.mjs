import { spawnSync } from 'node:child_process';
const cases = { bare: '', index: "import('./dist/index.js')", bundled: "import('./.explore/b/index-bundled.js')", min: "import('./.explore/b/index-min.js')", zod: "import('zod/mini')", zodb: "import('./.explore/b/zod-bundled.js')" , ky: "import('ky')"};
const res = {};
for (let i = 0; i < 21; i++) for (const [k, code] of Object.entries(cases)) { const t = performance.now(); spawnSync(process.execPath, ['-e', code]); (res[k] ??= []).push(performance.now() - t); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(14), v[10].toFixed(1), v[0].toFixed(1)); }
