/**
 * The strict app whose compile proves the built declarations: test/package-types.test.ts compiles it with this
 * checkout's TypeScript, and `npm run test:runtimes` with the oldest the docs support, against the packed package.
 * Plain JavaScript, so that run.mjs (plain Node) reads the same app the suite does.
 */
import { readFileSync } from 'node:fs';

/** An app's body: each entry point used, a webhook config's life, errors narrowed by class, events by slug and type. */
const USE = `
export async function main(): Promise<void> {
  configure({ token: process.env['RICLOUD_TOKEN'] });
  const client = new Client({ token: 'tok' });
  let created: CreatedWebhookConfig = await client.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
  created = await created.refresh();
  const secret: string = created.secret;
  const page = await client.webhookConfigs.list({ state: 'valid', limit: 10 });
  await page.data[0]?.update({ state: 'deactivated' });
  for await (const config of WebhookConfig.list({ state: 'deactivated' })) console.log(config.id);
  const task: Task = await created.test();
  const done: TaskState = (await task.wait()).state;
  try {
    await WebhookConfig.retrieve('wc_1');
  } catch (err) {
    if (err instanceof NotFoundError) console.log(err.status, err.request.path);
    else if (err instanceof RicloudError) console.log(err.mayHaveSucceeded);
  }
  const event: WebhookEvent = await constructEvent('{}', 'sig', secret);
  if (isEvent(event, 'task.succeeded')) console.log(event.data.state, done);
  if (event.type === 'webhook_config') console.log(event.data.url);
  const handler = createWebhookHandler({
    secret,
    on: {
      'task.cancelled': (cancelled) => console.log(cancelled.data.state),
      'task.retried': (retried: WebhookEventOf<'task.retried'>) => console.log(retried.data.state),
    },
  });
  console.log(handler, createMockApi, webhookConfigSchema, downloadToFile);
}
`;

/** The app as an ES module (`app.ts` beside a package.json of `"type": "module"`): named imports. */
export const ESM_APP = `import {
  Client,
  configure,
  type CreatedWebhookConfig,
  NotFoundError,
  RicloudError,
  type Task,
  type TaskState,
  WebhookConfig,
} from 'ricloud';
import {
  constructEvent,
  createWebhookHandler,
  isEvent,
  type WebhookEvent,
  type WebhookEventOf,
} from 'ricloud/webhooks';
import { createMockApi } from 'ricloud/mock';
import { webhookConfigSchema } from 'ricloud/schemas';
import { downloadToFile } from 'ricloud/node';
${USE}`;

/** The app as CommonJS (`app.cts`), the way `verbatimModuleSyntax` has it written: `import … = require()`. */
export const CJS_APP = `import ricloud = require('ricloud');
import webhooks = require('ricloud/webhooks');
import mock = require('ricloud/mock');
import schemas = require('ricloud/schemas');
import node = require('ricloud/node');
const { Client, configure, NotFoundError, RicloudError, WebhookConfig } = ricloud;
type CreatedWebhookConfig = ricloud.CreatedWebhookConfig;
type Task = ricloud.Task;
type TaskState = ricloud.TaskState;
type WebhookEvent = webhooks.WebhookEvent;
type WebhookEventOf<S extends string> = webhooks.WebhookEventOf<S>;
const { constructEvent, createWebhookHandler, isEvent } = webhooks;
const { createMockApi } = mock;
const { webhookConfigSchema } = schemas;
const { downloadToFile } = node;
${USE.replace('export async function', 'async function')}
export = main;
`;

/** The strictest options, `skipLibCheck` off, as tsconfig.json spells them (`types` are @types/node's). */
export const STRICT = {
  target: 'ES2022',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
  noEmit: true,
  types: ['node'],
};

/** The strict family turned off, over `STRICT`, for an app written loosely (`skipLibCheck` stays off). */
export const LOOSE = { strict: false, exactOptionalPropertyTypes: false, noUncheckedIndexedAccess: false };

/** A Node app's lib often has no DOM: the declarations name only the web types @types/node declares too. */
export const NODE_LIB = ['ES2023'];
/** A browser app's lib. */
export const BROWSER_LIB = ['ES2023', 'DOM'];

/** Each `moduleResolution` the app compiles under: its files (ESM, CommonJS or both) and its other options. */
export const RESOLUTIONS = [
  {
    name: 'node16, from ESM and from CommonJS',
    files: ['app.ts', 'app.cts'],
    options: { module: 'Node16', moduleResolution: 'Node16', lib: NODE_LIB },
  },
  {
    name: 'nodenext, from ESM and from CommonJS',
    files: ['app.ts', 'app.cts'],
    options: { module: 'NodeNext', moduleResolution: 'NodeNext', lib: NODE_LIB },
  },
  { name: 'bundler', files: ['app.ts'], options: { module: 'ESNext', moduleResolution: 'Bundler', lib: BROWSER_LIB } },
  // The old resolution reads no `exports`: `typesVersions` maps the subpaths to their declarations. zod's locales
  // default-import CommonJS modules, which needs allowSyntheticDefaultImports (the other resolutions imply it).
  {
    name: 'node10, from CommonJS',
    files: ['app.cts'],
    options: { module: 'CommonJS', moduleResolution: 'Node10', lib: NODE_LIB, allowSyntheticDefaultImports: true },
  },
];

const { dependencies } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/**
 * Whether a complaint about `file` is ours to answer: about the app, ricloud's declarations or those of a dependency
 * that installing ricloud brings (zod's among them). msw, an optional peer, and @types/node are the app's own picks
 * (msw's declarations do not compile without DOM in `lib`).
 */
export function isOurs(file) {
  const name = [...file.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1];
  return name === undefined || name === 'ricloud' || Object.hasOwn(dependencies, name);
}
