/**
 * A terminal that is not a person's: CI runners that give the command a pseudo-terminal (`CI` set) and `TERM=dumb`
 * cannot redraw a line, so a spinner there would print a new line for each of its ten redraws a second. `CI` set to
 * `false`, `0` or nothing is a person turning that off, as ci-info reads `false` and empty.
 */
import { stripVTControlCharacters } from 'node:util';
import { expect, it } from 'vitest';
import { hasAnsi, newToken, OK_URL, onTerminal, useMockServer } from './support';

// A config's test takes 1.5 s: fifteen redraws of a spinner.
const { env } = useMockServer({ taskDelay: 1500 });

/** `webhook-config create --wait` on a terminal with `extra` in its environment: the lines it showed. */
async function waitOnTerminal(extra: Record<string, string>): Promise<string[]> {
  const run = await onTerminal(['webhook-config', 'create', '--url', OK_URL, '--wait'], {
    ...env(newToken()),
    ...extra,
  }).done;
  expect(run.code).toBe(0);
  const lines = stripVTControlCharacters(run.stdout).split(/\r?\n/);
  expect(lines.filter((line) => /^state\s+valid$/.test(line.trim()))).toHaveLength(1);
  return lines;
}

it.each([
  ['CI=true', { CI: 'true' }],
  ['CI=1', { CI: '1' }],
  ['TERM=dumb', { TERM: 'dumb' }],
])('--wait with %s draws no spinner: the config is printed once, with no progress lines', async (_, extra) => {
  const lines = await waitOnTerminal(extra);
  // A spinner's line: `⠋ webhook_config <id> new 0.1 s`, or its last one, `✔ webhook_config <id> valid 1.5 s`.
  expect(lines.filter((line) => /webhook_config \S+ (new|valid)/.test(line))).toEqual([]);
});

it.each([
  ['CI=false', { CI: 'false' }],
  ['CI=FALSE', { CI: 'FALSE' }],
  ['CI=0', { CI: '0' }],
  ['CI empty', { CI: '' }],
])('--wait with %s is not a CI runner: the spinner is drawn and ends with the final state', async (_, extra) => {
  const lines = await waitOnTerminal(extra);
  expect(lines.some((line) => /✔ webhook_config \S+ valid \d+\.\d s/.test(line))).toBe(true);
});

it('TERM=dumb on a terminal prints no colour either, as Node and git do; FORCE_COLOR still forces it', async () => {
  const token = newToken();
  expect((await onTerminal(['webhook-config', 'create', '--url', OK_URL, '--wait'], env(token)).done).code).toBe(0);
  const list = (extra: Record<string, string>) =>
    onTerminal(['webhook-config', 'list'], { ...env(token), ...extra }).done;
  const [dumb, forced, xterm] = await Promise.all([
    list({ TERM: 'dumb' }),
    list({ TERM: 'dumb', FORCE_COLOR: '1' }),
    list({}),
  ]);
  expect(dumb.stdout).toContain('valid');
  expect(hasAnsi(dumb.stdout)).toBe(false);
  expect(hasAnsi(forced.stdout)).toBe(true);
  expect(hasAnsi(xterm.stdout)).toBe(true);
});

it.each(['0', 'false'])('FORCE_COLOR=%s on a terminal prints no colour, as Node reads it there too', async (value) => {
  const token = newToken();
  expect((await onTerminal(['webhook-config', 'create', '--url', OK_URL], env(token)).done).code).toBe(0);
  const run = await onTerminal(['webhook-config', 'list'], { ...env(token), FORCE_COLOR: value }).done;
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(OK_URL);
  expect(hasAnsi(run.stdout)).toBe(false);
});
