// `npm run test:mutation`: Stryker once per group of stryker.config.mjs, with only the group's tests and its own
// incremental baseline (its arguments passed on, e.g. `-- --force`), then the score of each module from the baselines,
// failing under the module's `break`. A check after the run rather than a Stryker reporter, whose exit code Stryker
// does not keep.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { groups, mutateGlobs } from '../../stryker.config.mjs';

const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

/** A group's incremental baseline, committed with each change. */
const baseline = (group) => `reports/mutation-${group.name}.json`;

/** The score of one module in percent, from the mutants of the files under its source. */
function score(report, source) {
  const statuses = Object.entries(report.files)
    .filter(([file]) => file.replaceAll('\\', '/').startsWith(source))
    .flatMap(([, { mutants }]) => mutants.map((mutant) => mutant.status))
    .filter((status) => COUNTED.has(status));
  const detected = statuses.filter((status) => DETECTED.has(status)).length;
  return { detected, total: statuses.length, percent: statuses.length ? (100 * detected) / statuses.length : 100 };
}

for (const group of groups) {
  const started = Date.now();
  const args = ['--mutate', mutateGlobs(group.modules).join(','), '--incrementalFile', baseline(group)];
  const run = spawnSync('npx', ['stryker', 'run', ...args, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: group.name },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  console.log(`mutation group ${group.name}: ${Math.round((Date.now() - started) / 1000)} s`);
}

let failed = false;
for (const group of groups) {
  const report = JSON.parse(readFileSync(baseline(group), 'utf8'));
  for (const module of group.modules) {
    const { detected, total, percent } = score(report, module.source);
    // A source that names no mutated file (a typo, a moved file) must not pass as 100 %.
    const under = total === 0 || percent < module.break;
    failed ||= under;
    const verdict =
      total === 0 ? 'no mutants: check its source' : under ? `under its break of ${module.break} %` : 'ok';
    console.log(`mutation score ${module.source}: ${percent.toFixed(2)} % (${detected}/${total}), ${verdict}`);
  }
}
process.exit(failed ? 1 : 0);
