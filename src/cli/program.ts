/** The `ricloud` command tree: every command, the global options, and the help that documents them. */
import { Command } from 'commander';
import packageJson from '../../package.json';
import { addConfigCommands } from './commands/config';
import { addEventCommands } from './commands/event';
import { addKeyCommands } from './commands/key';
import { addMockCommand } from './commands/mock';
import { addOrganisationCommands } from './commands/organisation';
import { addPollCommands } from './commands/poll';
import { addResultCommands } from './commands/result';
import { addSessionCommands } from './commands/session';
import { addSourceCommands } from './commands/source';
import { addStorageConfigCommands } from './commands/storage-config';
import { addSubscriptionCommands } from './commands/subscription';
import { addTaskCommands } from './commands/task';
import { addUserCommands } from './commands/user';
import { addWebhookConfigCommands } from './commands/webhook-config';
import { escapeControls } from './escape';
import { addGlobalOptions } from './globals';
import { addHelpCommands } from './help-command';

const ROOT_HELP = `
Try it with no account: a mock API on this machine, and a receiver for its webhooks.
  terminal 1$ ricloud mock
  terminal 2$ export RICLOUD_URL=http://127.0.0.1:8787 RICLOUD_TOKEN=mock
  terminal 2$ ricloud event listen --webhook-url http://127.0.0.1:8080/webhooks
  terminal 3$ export RICLOUD_URL=http://127.0.0.1:8787 RICLOUD_TOKEN=mock
  terminal 3$ ricloud webhook-config list
  terminal 3$ ricloud webhook-config test <id> --wait
  terminal 3$ ricloud event list
Then fetch data: user create, session create --wait, poll create --wait, result list, result download.
Every command has --help.

With the real API: ricloud config init --token <your key token>

From ricloud-py: its icloud, rirelay and samples commands are steps here (user create, session create, poll create,
result download); docs/porting-from-ricloud-py.md in the SDK's source maps each of its commands.

Exit codes:
  0    success
  1    the API failed or refused for another reason than 5-7 (one line on stderr names the status and the error
       code), or stdout could not be written (e.g. a full disk), or the port to listen on is taken
  2    usage: an unknown flag, a missing argument, an invalid value or an unreadable config file
  3    a waited task ended failed or suspended, a waited webhook config ended invalid, a waited session or
       subscription did not become active, or a waited poll completed with failed or suspended tasks
  4    a wait ran out of time (--timeout) before the work ended: it may still be running, wait again;
       or the run reached the global --timeout (given before a command with a --timeout of its own)
  5    the API refused the token (401) or what it may do (403)
  6    the API has no such resource (404)
  7    the API could not be reached, or a request got no answer in time: a retry may work
  130  interrupted (Ctrl-C); 143 when stopped by SIGTERM, 129 when the terminal closed (SIGHUP)
  141  stdout's reader went away (ricloud ... | head -1): the run stops quietly, as on Ctrl-C

Environment: RICLOUD_TOKEN, RICLOUD_TOKEN_FILE (a file holding the token), RICLOUD_URL, RICLOUD_CONF (a config
file), RICLOUD_MAX_RETRIES (0 to 10: how often a failed request is sent again; more is taken as 10), RICLOUD_SECRET
or RICLOUD_SECRET_FILE and RICLOUD_DELTA (for event listen), RICLOUD_LOG (SDK log level), NO_COLOR. A variable that
is empty or only whitespace counts as unset.

Security: flag values (--token, --secret) are visible to other users of this machine (ps). In scripts, pipe the
token to --token-stdin (event listen: --secret-stdin) or name a file in RICLOUD_TOKEN_FILE. Text output shows the
server's control characters escaped (\\x1b), and its bidi and invisible ones (\\u202e); --json is exact JSON.`;

/** The value glued to an unknown option in commander's message, e.g. `--tokn=tok_…`. */
const UNKNOWN_OPTION_VALUE = /(unknown option '[^'=\s]+)=[^']*/g;

/** Builds the program. Parsing errors throw a `CommanderError` (after commander printed them) instead of exiting. */
export function buildProgram(): Command {
  const program = new Command('ricloud')
    .description(
      "ricloud: the command line of Reincubate's ricloud API (configs, users, sessions, polls, results, events)",
    )
    .version(packageJson.version, '-V, --version', 'print the version')
    // Settings below are inherited by every command added after them.
    .enablePositionalOptions()
    .exitOverride()
    // A mistyped `--tokn=<token>` would otherwise print the token back in "unknown option '...'"; a value quoted in
    // "argument '...' is invalid" is shown, not obeyed, as the server's text is.
    .configureOutput({
      outputError: (text, write) =>
        write(text.replace(UNKNOWN_OPTION_VALUE, '$1=…').split('\n').map(escapeControls).join('\n')),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', ROOT_HELP);
  addWebhookConfigCommands(program);
  addStorageConfigCommands(program);
  addKeyCommands(program);
  addOrganisationCommands(program);
  addTaskCommands(program);
  addEventCommands(program);
  addUserCommands(program);
  addSourceCommands(program);
  addSessionCommands(program);
  addPollCommands(program);
  addResultCommands(program);
  addSubscriptionCommands(program);
  addMockCommand(program);
  addConfigCommands(program);
  // Help commands first, so that they take the global options too (`ricloud task help list --json`).
  addHelpCommands(program);
  addGlobalOptions(program);
  return program;
}
