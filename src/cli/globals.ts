/**
 * The options every command takes. They work before or after any command name (`ricloud --json task list` and
 * `ricloud task list --json`); given at several levels, the one nearest the command wins. Where a command has an
 * option of the same name (`webhook-config create --url` is the receiver's URL, `--wait`'s `--timeout` bounds the
 * wait), the global one goes before it.
 */
import { Option, type Command } from 'commander';
import { seconds } from './parse';

/** The global options as a command sees them. */
export interface GlobalOptions {
  token?: string | undefined;
  tokenStdin?: boolean | undefined;
  url?: string | undefined;
  json: boolean;
  quiet: boolean;
  color: boolean;
  timeout?: number | undefined;
}

// The options addGlobalOptions made, told apart from a command's own option of the same name.
const globalOptions = new WeakSet<Option>();

function makeGlobalOptions(): Option[] {
  return [
    new Option(
      '--token <token>',
      'API token (else RICLOUD_TOKEN or RICLOUD_TOKEN_FILE, else the config file); ' +
        'visible to other users of this machine (ps): in scripts prefer --token-stdin',
    ),
    new Option(
      '--token-stdin',
      'read the API token from stdin (e.g. a pipe from a secrets manager), trimmed; on a terminal, asked with echo off',
    ),
    new Option('--url <url>', 'API base URL (else RICLOUD_URL, else the config file, else the public API)'),
    new Option('--json', 'print JSON: one document, or one object per line for --all and listen'),
    new Option('-q, --quiet', 'print no progress, hints or banners on stderr'),
    new Option('--no-color', 'print without colour (so does NO_COLOR=1)'),
    new Option(
      '--timeout <seconds>',
      'the longest this run may take, every request, wait and read included; exit 4 when it passes first ' +
        '(before the command on those with a --timeout of their own)',
    ).argParser(seconds),
  ].map((option) => option.helpGroup('Global Options:'));
}

/** Where the API's URL goes for a command whose own `--url` is another (a receiver's, a bucket's), named in `own`. */
const ownUrlHelp = (command: Command, own: Option) =>
  `\nHere --url is ${own.description}. To set the API's URL, put --url before the command\n` +
  `(ricloud --url http://127.0.0.1:8787 ${command.parent?.name()} ${command.name()} --url ...) or set RICLOUD_URL.`;

/** Adds the global options to `command` and every command below it, except where a command has its own flag. */
export function addGlobalOptions(command: Command): void {
  for (const option of makeGlobalOptions()) {
    const own = command.options.find((mine) => mine.long === option.long);
    if (own) {
      if (own.long === '--url') command.addHelpText('after', ownUrlHelp(command, own));
      continue;
    }
    globalOptions.add(option);
    command.addOption(option);
  }
  for (const sub of command.commands) addGlobalOptions(sub);
}

/** The global options given on the command line, at any level from the program down to `command`. */
export function readGlobalOptions(command: Command): GlobalOptions {
  const chain: Command[] = [];
  for (let at: Command | null = command; at; at = at.parent) chain.unshift(at);
  const result: Record<string, unknown> = { json: false, quiet: false, color: true };
  for (const at of chain) {
    for (const option of at.options) {
      const key = option.attributeName();
      if (globalOptions.has(option) && at.getOptionValueSource(key) === 'cli') result[key] = at.getOptionValue(key);
    }
  }
  return result as unknown as GlobalOptions;
}
