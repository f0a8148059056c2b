/**
 * The built declarations as a strict app's compiler reads them, with `skipLibCheck` off and the strictest options
 * (`exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`, `verbatimModuleSyntax`, `isolatedModules`): ESM and
 * CommonJS apps under each `moduleResolution` (node16, nodenext, bundler, the old node10), each importing every entry
 * point of the package from node_modules (the app is test/support/strict-app.mjs, which `npm run test:runtimes` also
 * compiles with the oldest TypeScript the docs support); and the same app again with `strict` and its family off.
 * Runs against dist/ (built by `npm test` before vitest).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER_LIB, CJS_APP, ESM_APP, isOurs, LOOSE, NODE_LIB, RESOLUTIONS, STRICT } from './support/strict-app.mjs';

const root = resolve(import.meta.dirname, '..');
const app = mkdtempSync(join(tmpdir(), 'ricloud-types-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));
mkdirSync(join(app, 'node_modules'));
symlinkSync(root, join(app, 'node_modules', 'ricloud'), 'dir');
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module' }));

/**
 * The compiler's complaints about the app's `files`, as `path(line): message`, under the strict options and
 * `options` (tsconfig.json's spelling). Those about msw's or @types/node's declarations are theirs to fix.
 */
function diagnostics(files: string[], options: Record<string, unknown>): string[] {
  const { options: compilerOptions, errors } = ts.convertCompilerOptionsFromJson({ ...STRICT, ...options }, app);
  if (errors.length) throw new Error(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join());
  const program = ts.createProgram(
    files.map((file) => join(app, file)),
    { ...compilerOptions, typeRoots: [join(root, 'node_modules', '@types')] },
  );
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => isOurs(d.file?.fileName ?? ''))
    .map((d) => {
      const where = d.file ? `${d.file.fileName}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : '';
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}

// The source as app.ts is ESM (the app's package.json says "type": "module"); as app.cts it is CommonJS.
writeFileSync(join(app, 'app.ts'), ESM_APP);
writeFileSync(join(app, 'app.cts'), CJS_APP);

describe('the declarations, with skipLibCheck off and every strict option on', () => {
  it.each(RESOLUTIONS.map(({ name, files, options }) => [name, files, options] as const))(
    'resolve and compile under moduleResolution %s (a CommonJS app is never led to import ESM-only ky)',
    (_, files, options) => {
      expect(diagnostics(files, options)).toEqual([]);
    },
    120_000,
  );

  it("take the app's own fetch where the runtime's has members of its own (Bun's types give it preconnect)", () => {
    writeFileSync(
      join(app, 'fetch.ts'),
      `import { Client } from 'ricloud';
declare global {
  namespace fetch {
    function preconnect(url: string): void;
  }
}
export const client = new Client({ fetch: (input, init) => fetch(input, init) });
`,
    );
    expect(diagnostics(['fetch.ts'], { module: 'NodeNext', moduleResolution: 'NodeNext', lib: NODE_LIB })).toEqual([]);
  }, 120_000);

  it("give a download's bytes as a response body's are, which a Blob takes (TypeScript 5.7+: " +
    'Uint8Array<ArrayBuffer>)', () => {
    writeFileSync(
      join(app, 'download.ts'),
      `import { Result } from 'ricloud';
const { value } = await (await (await Result.retrieve('res_1')).download()).getReader().read();
export const blob = new Blob(value ? [value] : []);
`,
    );
    expect(diagnostics(['download.ts'], { module: 'ESNext', moduleResolution: 'Bundler', lib: BROWSER_LIB })).toEqual(
      [],
    );
  }, 120_000);
});

describe('the declarations, with skipLibCheck off and the strict family off', () => {
  it.each(RESOLUTIONS.map(({ name, files, options }) => [name, files, options] as const))(
    'compile the same app under moduleResolution %s',
    (_, files, options) => {
      expect(diagnostics(files, { ...options, ...LOOSE })).toEqual([]);
    },
    120_000,
  );
});

const { ModuleKind: Kind, ModuleResolutionKind: Resolution } = ts;

/** What an editor asks of the app's `name` file holding `source`, as a strict app under nodenext resolution. */
function editor(name: string, source: string): { file: string; service: ts.LanguageService } {
  const file = join(app, name);
  writeFileSync(file, source);
  const service = ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) =>
      ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name) ?? '') : undefined,
    getCurrentDirectory: () => app,
    getCompilationSettings: () => ({ module: Kind.NodeNext, moduleResolution: Resolution.NodeNext, strict: true }),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
  });
  return { file, service };
}

/** The string literals an editor offers inside the quotes of `call` (e.g. `Event.list({ type: '' })`). */
function completions(call: string): string[] {
  const source = `import { Event, Permissions, Poll, type RequestError, Task, WebhookConfig } from 'ricloud';
import { createWebhookHandler } from 'ricloud/webhooks';
void ${call};
`;
  const { file, service } = editor('complete.ts', source);
  const entries = service.getCompletionsAtPosition(file, source.indexOf("''") + 1, {})?.entries ?? [];
  return entries.map((entry) => entry.name).sort();
}

/** What an editor shows on hovering the last name of each `read` (e.g. `cfg.url`), after the app's `declarations`. */
function hover(declarations: string, reads: string[]): Map<string, ts.QuickInfo | undefined> {
  const source = `${declarations}\n${reads.map((read) => `void ${read};`).join('\n')}\n`;
  const { file, service } = editor('hover.ts', source);
  const at = (read: string) => source.indexOf(`void ${read};`) + `void ${read}`.length - 1;
  return new Map(reads.map((read) => [read, service.getQuickInfoAtPosition(file, at(read))]));
}

/** The docs an editor shows on hovering each `read`. */
const hoverDocs = (declarations: string, reads: string[]): Record<string, string> =>
  Object.fromEntries(
    [...hover(declarations, reads)].map(([read, info]) => [read, ts.displayPartsToString(info?.documentation)]),
  );

/** The type an editor shows on hovering each `read` (what follows the name and its colon). */
const hoverTypes = (declarations: string, reads: string[]): Record<string, string> =>
  Object.fromEntries(
    [...hover(declarations, reads)].map(([read, info]) => {
      const shown = ts.displayPartsToString(info?.displayParts);
      return [read, shown.slice(shown.indexOf(': ') + 2)];
    }),
  );

describe('filters and parameters in an editor', () => {
  it('offer their documented choices inside the quotes (public-types.check.ts: and still take any string)', () => {
    expect(completions("Event.list({ type: '' })")).toEqual(['poll', 'session', 'task', 'webhook_config']);
    expect(completions("Event.list({ action: '' })")).toEqual([
      'completed',
      'created',
      'expired',
      'failed',
      'succeeded',
      'test',
    ]);
    expect(completions("Task.list({ source_type: '' })")).toEqual([
      'icloud.account',
      'rirelay.instance',
      'rirelay.source',
    ]);
    expect(
      completions(
        "Permissions.create({ scopes: { 'source_type:icloud.account': [{ level: '', type: 'count', value: 3 }] } })",
      ),
    ).toEqual(['key', 'organisation', 'user']);
    expect(completions("WebhookConfig.list({ state: '' })")).toEqual(['deactivated', 'invalid', 'new', 'valid']);
    expect(completions("Poll.list({ requestor: '' })")).toEqual(['key', 'subscription']);
    // Answers offer theirs where code compares them: an event's type, a refusal's error code.
    expect(completions("((event: Event) => event.type === '')")).toEqual(['poll', 'session', 'task', 'webhook_config']);
    expect(completions("((error: RequestError) => error.error === '')")).toEqual([
      'invalid-body',
      'invalid-parameter',
      'limit-exceeded',
      'missing-scope',
      'session-expired',
      'unconfigured',
    ]);
    // The handlers also take `task.${string}` and any string as keys, but offer the documented slugs.
    expect(completions("createWebhookHandler({ secret: 's', on: { '' } })")).toEqual([
      'poll.completed',
      'poll.created',
      'session.expired',
      'task.created',
      'task.failed',
      'task.succeeded',
      'webhook_config.test',
    ]);
  }, 120_000);
});

describe('attributes in an editor', () => {
  it("show their schema's docs on hover: on resources, the schemas' attribute types and what a schema parses", () => {
    const docs = hoverDocs(
      `import type { Organisation, Session, Task, WebhookConfig } from 'ricloud';
import { type TaskAttributes, webhookConfigSchema } from 'ricloud/schemas';
declare const organisation: Organisation;
declare const cfg: WebhookConfig;
declare const task: Task;
declare const session: Session;
declare const attributes: TaskAttributes;`,
      [
        'cfg.url',
        'cfg.state',
        'task.state',
        'session.state',
        'organisation.state',
        'attributes.error',
        'webhookConfigSchema.parse({}).secret',
      ],
    );
    expect(docs).toEqual({
      'cfg.url': 'Where the API sends events: an absolute http(s) URL.',
      'cfg.state': '`new` until tested, then `valid` or `invalid`; `deactivated` once switched off.',
      'task.state':
        '`pending` or `processing` while running; `succeeded`, `failed` or `suspended` (the docs say not why) after.',
      'session.state': '`pending` at first, then `active` or `failed` (see `error`); `expired` once it ended.',
      'organisation.state':
        '`unconfigured` until it has valid webhook and storage configs, then `active`; or `deactivated`, `blocked`.',
      'attributes.error': 'The error code, when the task failed.',
      'webhookConfigSchema.parse({}).secret': 'Sent by `create`; later answers may leave it out.',
    });
  }, 120_000);
});

describe("hooks' and callbacks' arguments in an editor", () => {
  it('show their docs on hover, as the options that take them do', () => {
    const docs = hoverDocs(
      `import type { DownloadProgress, PermissionsParams, ResponseHookInfo, RetryHookInfo } from 'ricloud';
declare const response: ResponseHookInfo;
declare const retry: RetryHookInfo;
declare const progress: DownloadProgress;
declare const params: PermissionsParams;`,
      [
        'response.method',
        'response.url',
        'response.status',
        'response.durationMs',
        'retry.attempt',
        'retry.delayMs',
        'retry.error',
        'progress.bytes',
        'progress.total',
        'params.scopes',
      ],
    );
    expect(docs).toEqual({
      'response.method': 'The HTTP method: `GET`, `POST` or `DELETE`.',
      'response.url': 'The whole URL, query included.',
      'response.status': 'The HTTP status of the response.',
      'response.durationMs': 'Milliseconds from sending the attempt to its response headers (the body is read after).',
      'retry.attempt': 'The attempt that failed: 1 for the first.',
      'retry.delayMs': 'Milliseconds the SDK sleeps before it sends the next attempt.',
      'retry.error': 'Why the attempt failed: the error the call would throw, were it not retried.',
      'progress.bytes': 'Bytes received so far.',
      'progress.total':
        "The file's size in bytes: the result's `size`, else the answer's `Content-Length`; " +
        'undefined when neither is known.',
      'params.scopes':
        'Each scope with its limits, e.g. ' +
        "`{ 'source_type:icloud.account': [{ level: 'user', type: 'count', value: 3 }] }`.",
    });
  }, 120_000);
});

describe('types in an editor', () => {
  it("name a resource's attributes on hover (TaskAttributes), rather than spelling out every field", () => {
    const types = hoverTypes(
      `import type { WebhookEvent, WebhookEventOf } from 'ricloud/webhooks';
import type { PollPayload, TaskAttributes, UserAttributes } from 'ricloud/schemas';
declare const event: WebhookEvent;
declare const succeeded: WebhookEventOf<'task.succeeded'>;
declare const task: TaskAttributes;
declare const user: UserAttributes;
declare const payload: PollPayload;
const narrowed = event.type === 'session' ? event : undefined;`,
      ['succeeded.data', 'narrowed?.data', 'task', 'user', 'payload'],
    );
    expect(types).toEqual({
      'succeeded.data': 'TaskAttributes',
      'narrowed?.data': 'SessionAttributes | undefined',
      task: 'TaskAttributes',
      user: 'UserAttributes',
      payload: 'PollPayload',
    });
  }, 120_000);
});
