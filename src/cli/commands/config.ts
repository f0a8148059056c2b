/** `ricloud config`: write and show the settings file that ricloud-py reads too (`[api] token`, `url`). */
import type { Command } from 'commander';
import { DEFAULT_BASE_URL } from '../sdk';
import { action } from '../context';
import { asUsage, UsageError } from '../errors';
import { setIniValues } from '../ini';
import { mask } from '../output';
import { refuseOddTarget, writePrivateFile } from '../private-file';
import { configTarget, readConfigText } from '../../config/settings';
import type { Setting } from '../settings';

/**
 * `url` with everything from its `//` to its last `@` masked (`user:password@`, a token as the user): the SDK refuses
 * such a URL, but view shows the setting as written, however malformed. Masking too much beats showing a password.
 */
const maskUserInfo = (url: string): string => url.replace(/^(\s*(?:[a-z][a-z\d+.-]*:)?[\\/]{2}).*@/is, '$1****@');

/** Errors of a config file path that cannot hold a file: no such directory, a directory, no permission. */
const PATH_ERRORS = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS']);

/** Adds `config` and its commands to `program`. */
export function addConfigCommands(program: Command): void {
  const group = program
    .command('config')
    .description("save and show the API token and URL (~/.ricloud.ini, in ricloud-py's format)")
    .addHelpText(
      'after',
      `
Each setting comes from the first of: a flag (--token, --url); RICLOUD_TOKEN, RICLOUD_URL;
the file RICLOUD_CONF names; ~/.ricloud.ini. A machine set up for ricloud-py works as it is.`,
    );

  group
    .command('init')
    .description('write the token and URL to ~/.ricloud.ini (or to RICLOUD_CONF), readable by you only')
    .option(
      '--force',
      'replace the token and url of a file that exists, keeping its comments and other settings: a new 0600 ' +
        'file is renamed into place; a symbolic link there is refused',
    )
    .addHelpText(
      'after',
      '\nExample:\n  ricloud config init --token <your key token>\n' +
        '  ricloud config init --token-stdin < token.txt   # keeps the token out of shell history and ps',
    )
    .action(
      action(async (ctx, options: { force?: boolean }) => {
        const target = configTarget(process.env);
        const { path } = target;
        // Before anything reads it (the URL may come from it): a pipe there would hold the run, and neither a pipe nor
        // a device is a file to edit.
        refuseOddTarget(path);
        // The client checks the settings the way every command will use them; its base URL has the default applied.
        const { baseUrl } = await ctx.client();
        const token = ((await ctx.settings.token()) as Setting).value;
        // --force edits the file in place: its comments, other keys and sections stay as they were.
        const kept = options.force
          ? await readConfigText(target, ctx.signal).catch((error: unknown) => Promise.reject(asUsage(error)))
          : undefined;
        try {
          writePrivateFile(path, setIniValues(kept ?? '', 'api', { token, url: baseUrl }), {
            overwrite: Boolean(options.force),
          });
        } catch (error) {
          // A path that cannot hold the file is the setting's fault, as an unreadable config file is.
          const { code, message } = error as NodeJS.ErrnoException;
          if (code && PATH_ERRORS.has(code))
            throw new UsageError(`cannot write the config file ${path} (${target.origin}): ${message}`);
          throw error;
        }
        const shown = { file: path, token: mask(token), url: baseUrl };
        if (ctx.out.json) ctx.out.document(shown);
        else ctx.out.fields(Object.entries(shown));
      }),
    );

  group
    .command('view')
    .description('show the settings in effect and where each comes from (the token and secret masked)')
    .action(
      action(async (ctx) => {
        const { settings } = ctx;
        const [token, url, retries, secret, files] = [
          await settings.token(),
          await settings.url(),
          await settings.maxRetries(),
          await settings.secret(),
          await settings.files(),
        ];
        // null, not left out, for a setting not set: --json has the same keys whatever is set.
        const masked = (setting: Setting | undefined) =>
          setting ? { value: mask(setting.value), source: setting.source } : null;
        const shown = {
          files,
          token: masked(token),
          url: url
            ? { value: maskUserInfo(url.value), source: url.source }
            : { value: DEFAULT_BASE_URL, source: 'default' },
          max_retries: retries ? { value: await ctx.maxRetries(), source: retries.source } : null,
          secret: masked(secret),
        };
        if (ctx.out.json) return ctx.out.document(shown);
        ctx.out.fields([
          ['files', files.join(', ') || '(none found)'],
          ...(['token', 'url', 'max_retries', 'secret'] as const).map((key): [string, unknown] => {
            const setting = shown[key];
            return [key, setting ? `${setting.value}  (from ${setting.source})` : undefined];
          }),
        ]);
      }),
    );
}
