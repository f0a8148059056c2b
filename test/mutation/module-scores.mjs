// A Stryker reporter: the mutation score of each module of stryker.config.mjs, failing the run under its `break`.
import { modules } from '../../stryker.config.mjs';

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

const reporter = {
  onMutationTestReportReady(report) {
    for (const module of modules) {
      const { detected, total, percent } = score(report, module.source);
      const verdict = percent < module.break ? `under its break of ${module.break} %` : 'ok';
      console.log(`mutation score ${module.source}: ${percent.toFixed(2)} % (${detected}/${total}), ${verdict}`);
      if (percent < module.break) process.exitCode = 1;
    }
  },
};

export const strykerPlugins = [{ kind: 'Reporter', name: 'module-scores', value: reporter }];
