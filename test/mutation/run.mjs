// `npm run test:mutation`: Stryker (its arguments passed on, e.g. `-- --force`), then the score of each module of
// stryker.config.mjs from the incremental report, failing under the module's `break`. A check after the run rather
// than a Stryker reporter, whose exit code Stryker does not keep.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import config, { modules } from '../../stryker.config.mjs';

const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

/** The score of one module in percent, from the mutants of the files under its source. */
function score(report, source) {
  const statuses = Object.entries(report.files)
    .filter(([file]) => file.replaceAll('\\', '/').startsWith(source))
    .flatMap(([, { mutants }]) => mutants.map((mutant) => mutant.status))
    .filter((status) => COUNTED.has(status));
  const detected = statuses.filter((status) => DETECTED.has(status)).length;
  return { detected, total: statuses.length, percent: statuses.length ? (100 * detected) / statuses.length : 100 };
}

const run = spawnSync('npx', ['stryker', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

const report = JSON.parse(readFileSync(config.incrementalFile, 'utf8'));
let failed = false;
for (const module of modules) {
  const { detected, total, percent } = score(report, module.source);
  const under = percent < module.break;
  failed ||= under;
  const verdict = under ? `under its break of ${module.break} %` : 'ok';
  console.log(`mutation score ${module.source}: ${percent.toFixed(2)} % (${detected}/${total}), ${verdict}`);
}
process.exit(failed ? 1 : 0);
