/** `npm run lint`'s line-width check: Biome wraps code at 120 characters, but not comments or strings, so this does. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const FOLDERS = new Set(['src', 'test', 'examples', 'bench', 'docs', 'scripts']);
const CODE = /\.(?:[cm]?[jt]s|json)$/;
// Their long lines are JSON strings (the package's description, the lock's entries), which cannot be wrapped.
const SKIPPED = new Set(['package.json', 'package-lock.json']);
const REGEX_LINE = /^\s*\/(?![/*]).*\/[dgimsuvy]*[;,]?$/;

const checked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter((path) => CODE.test(path) && !SKIPPED.has(path))
  .filter((path) => !path.includes('/') || FOLDERS.has(path.slice(0, path.indexOf('/'))));

let long = 0;
for (const path of checked) {
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      // A regex literal alone on its line cannot be split.
      if ([...line].length <= MAX || REGEX_LINE.test(line)) return;
      console.log(`${path}:${i + 1}: ${[...line].length} characters (at most ${MAX})`);
      long++;
    });
}
if (long) {
  console.log(`${long} line(s) over ${MAX} characters: wrap the comment, or split the string with +`);
  process.exitCode = 1;
}
