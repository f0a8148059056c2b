/**
 * The public types as a strict user's compiler sees them. These checks run in `tsc --noEmit` (part of `npm test`,
 * with `exactOptionalPropertyTypes` on): a `@ts-expect-error` that finds no error, or a call that stops compiling,
 * fails the type check. At run time the calls are never made.
 */
import { createServer } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import { Client, Event, type EventState, type Task, type TaskState, WebhookConfig, type WebhookConfigState } from 'ricloud';
import { createWebhookHandler, toNodeHandler, verifySignature } from 'ricloud/webhooks';

/** Type-checked, never called. */
const never = (_check: () => unknown) => undefined;

describe('public types (checked by tsc --noEmit)', () => {
  it('give attributes their API types, and make a misspelt attribute an error', () => {
    never(async () => {
      const cfg = await WebhookConfig.retrieve('wc_1');
      expectTypeOf(cfg.state).toEqualTypeOf<WebhookConfigState>();
      expectTypeOf(cfg.date_created).toEqualTypeOf<string>();
      expectTypeOf(cfg.secret).toEqualTypeOf<string | null | undefined>();
      // @ts-expect-error: no such attribute; unknown extra fields are kept at run time only
      void cfg.date_creatd;
      const task: Task = await cfg.test();
      expectTypeOf(task.state).toEqualTypeOf<TaskState>();
      expectTypeOf((await Event.list({ state: 'delivered' })).data[0]?.state).toEqualTypeOf<EventState | undefined>();
    });
  });

  it('refuse an empty update and a state a caller cannot set', () => {
    never(async () => {
      const cfg = await WebhookConfig.retrieve('wc_1');
      await cfg.update({ url: 'https://hooks.example.com/v2' });
      await cfg.update({ state: 'deactivated' });
      // @ts-expect-error: an update needs url or state
      await cfg.update({});
      // @ts-expect-error: only new and deactivated can be set
      await WebhookConfig.updateWithId('wc_1', { state: 'valid' });
    });
  });

  it('take options that may be undefined, as values read from the environment are (exactOptionalPropertyTypes)', () => {
    never(async () => {
      const maybe = (): string | undefined => process.env.RICLOUD_TOKEN;
      const signal: AbortSignal | undefined = undefined;
      const client = new Client({ token: maybe(), baseUrl: maybe(), timeout: undefined }).withOptions({ deadline: undefined });
      const task = await client.tasks.retrieve('tsk_1', { signal });
      await task.wait({ timeout: undefined, signal });
      await verifySignature('{}', maybe(), 'whsec_x', { tolerance: undefined });
    });
  });

  it("mount toNodeHandler on node:http without the webhooks entry naming Node's types", () => {
    never(() => createServer(toNodeHandler(createWebhookHandler({ secret: 'whsec_x' }))));
  });
});
