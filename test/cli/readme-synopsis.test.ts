/** The README's "Command line" section names only commands and flags that the built command has. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ricloud } from './support';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## Runtimes'));
const synopsis = /\n```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

/** One command of the synopsis: its words (`webhook-config create`) and the flags the line gives it. */
const commands = synopsis
  .split('\n')
  .filter(Boolean)
  // `config init … | config view`: two commands on a line (a `|` between options, as `--limit N | --all`, is not one).
  .flatMap((line) => line.split(/ \| (?=[a-z])/))
  .map((part) => {
    const words = part.replace(/[[\]]/g, ' ').split(/\s+/).filter(Boolean);
    const start = words[0] === 'ricloud' ? 1 : 0;
    const end = words.findIndex((word, i) => i >= start && !/^[a-z][a-z-]*$/.test(word));
    const path = words.slice(start, end === -1 ? undefined : end);
    return { path, flags: words.filter((word) => /^--?[a-z]/.test(word)) };
  });

/** Whether `help` lists `flag` as an option. */
const lists = (help: string, flag: string) => new RegExp(`(^|[\\s,])${flag}([\\s,]|$)`, 'm').test(help);

describe("the README's command-line synopsis", () => {
  it('has commands to check', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  it.each(commands.map(({ path, flags }) => [path.join(' '), flags] as const))(
    'ricloud %s has the flags the README gives it',
    async (command, flags) => {
      const { code, stdout } = await ricloud([...command.split(' '), '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: ricloud ${command} `);
      expect(flags.filter((flag) => !lists(stdout, flag))).toEqual([]);
    },
  );

  it('names in its prose only global options the command has', async () => {
    const prose = /\nThe commands cover every resource[\s\S]*?\n\n/.exec(section)?.[0] ?? '';
    const flags = [...new Set([...prose.matchAll(/`(-{1,2}[a-z][a-z-]*)/g)].map(([, flag]) => flag ?? ''))];
    expect(flags).toEqual(expect.arrayContaining(['--token', '--token-stdin', '--url', '--json', '--timeout']));
    const { stdout } = await ricloud(['--help']);
    expect(flags.filter((flag) => !lists(stdout, flag))).toEqual([]);
  });
});
