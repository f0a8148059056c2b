import { describe, expect, it } from 'vitest';
import { POLL_STATES, RESULT_STATES, SESSION_STATES, SUBSCRIPTION_STATES, USER_STATES } from '../../src/index';
import { ricloud } from './support';

describe("the flow commands' help", () => {
  it("the list filters' help names every state the SDK knows", async () => {
    const help = async (...path: string[]) => (await ricloud([...path, 'list', '--help'])).stdout.replace(/\s+/g, ' ');
    const choices = (states: readonly string[]) =>
      `(choices: ${states.map((state) => JSON.stringify(state)).join(', ')})`;
    expect(await help('user')).toContain(choices(USER_STATES));
    expect(await help('session')).toContain(choices(SESSION_STATES));
    expect(await help('poll')).toContain(choices(POLL_STATES));
    expect(await help('result')).toContain(choices(RESULT_STATES));
    expect(await help('subscription')).toContain(choices(SUBSCRIPTION_STATES));
  });

  it('session create documents that the password is never a flag, and has none', async () => {
    const { stdout } = await ricloud(['session', 'create', '--help']);
    expect(stdout).toContain('--password-stdin');
    expect(stdout).not.toMatch(/--password </);
    expect(stdout).toContain('never a flag');
  });

  it('session create and retrieve --wait say exit 3 for any end but active: expired too, not only failed', async () => {
    for (const command of ['create', 'retrieve']) {
      const { stdout } = await ricloud(['session', command, '--help']);
      expect({ command, help: stdout.replace(/\s+/g, ' ') }).toMatchObject({
        command,
        help: expect.stringContaining('exit 0 when active, 3 when failed or expired'),
      });
    }
  });

  it('the top-level help names exit code 3 for a task, a session or a poll that ended badly', async () => {
    const { stdout } = await ricloud(['--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      'a waited task ended failed or suspended, a waited webhook config ended invalid, a waited session or ' +
        'subscription did not become active, or a waited poll completed with failed or suspended tasks',
    );
  });

  it('help with a word that is no command fails as that word alone does: exit 2, naming it', async () => {
    for (const path of [[], ['task']]) {
      const [help, alone] = [await ricloud([...path, 'help', 'frobnicate']), await ricloud([...path, 'frobnicate'])];
      expect({ path, code: help.code, stdout: help.stdout, stderr: help.stderr }).toEqual({
        path,
        code: 2,
        stdout: '',
        stderr: "error: unknown command 'frobnicate'\n(add --help for usage)\n",
      });
      expect(help.stderr).toBe(alone.stderr);
    }
  });

  it('help with no word, or with a command, prints what --help prints and exits 0', async () => {
    const same = [
      [['help'], ['--help']],
      [
        ['help', 'task'],
        ['task', '--help'],
      ],
      [
        ['task', 'help', 'list'],
        ['task', 'list', '--help'],
      ],
      // As commander's own help command: the words after the first are not read.
      [
        ['help', 'task', 'list'],
        ['task', '--help'],
      ],
    ];
    for (const [args, flag] of same as [string[], string[]][]) {
      const [help, shown] = [await ricloud(args), await ricloud(flag)];
      expect({ args, code: help.code, stderr: help.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(help.stdout).toBe(shown.stdout);
    }
  });

  it('help takes the global options, before or after it, as every command does', async () => {
    const same = [
      [
        ['help', '--json', 'task'],
        ['task', '--help'],
      ],
      [
        ['--json', 'help', 'task'],
        ['task', '--help'],
      ],
      [
        ['task', 'help', 'list', '--json'],
        ['task', 'list', '--help'],
      ],
      [['help', '-q', '--no-color'], ['--help']],
    ];
    for (const [args, flag] of same as [string[], string[]][]) {
      const [help, shown] = [await ricloud(args), await ricloud(flag)];
      expect({ args, code: help.code, stderr: help.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(help.stdout).toBe(shown.stdout);
    }
  });

  it('the help command is listed once in each group, as commander lists its own: help [command]', async () => {
    for (const path of [[], ['task'], ['config']]) {
      const { stdout } = await ricloud([...path, '--help']);
      expect({ path, listed: stdout.match(/^ {2}help\b.*$/gm) }).toEqual({
        path,
        listed: [expect.stringMatching(/^ {2}help \[command\] +display help for command$/)],
      });
    }
  });
});
