import { spawnSync } from 'node:child_process';
const cases = { bare: '', undici: "globalThis.Request; new Request('https://x.invalid')", stream: "new ReadableStream()", bundled: "import('./.explore/b/index-bundled.js')", zodb: "import('./.explore/b/zod-bundled.js')", kyb: "import('./.explore/b/ky.js')"};
const res = {};
for (let i = 0; i < 21; i++) for (const [k, code] of Object.entries(cases)) { const t = performance.now(); spawnSync(process.execPath, ['-e', code]); (res[k] ??= []).push(performance.now() - t); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(14), v[10].toFixed(1), v[0].toFixed(1)); }
