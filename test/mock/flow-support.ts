/** Helpers of the data flow's wire tests: an organisation made usable, an active session, and the events delivered. */
import { verifySignature } from '../../src/webhooks/index';
import type { Deliver } from '../../src/mock/index';
import { type Answer, py } from './support';

/** An event as the receiver got it. */
// biome-ignore lint/suspicious/noExplicitAny: the tests read the event's data field by field.
export type Received = { type: string; action: string; data: Record<string, any> };

/** A `deliver` option that takes every event (200) and keeps its body and signature. */
export function recorder() {
  const deliveries: { body: string; signature: string }[] = [];
  const deliver: Deliver = async (request) => {
    deliveries.push({ body: await request.text(), signature: request.headers.get('ricloud-signature') ?? '' });
    return new Response('OK');
  };
  /** The events delivered so far, each signature checked against `secret`, those of config tests left out. */
  const events = async (secret: string): Promise<Received[]> => {
    const out: Received[] = [];
    for (const { body, signature } of deliveries) {
      const event = JSON.parse(body) as Received;
      if (event.type === 'webhook_config' || String(event.data.type).endsWith('_config.test')) continue;
      await verifySignature(body, signature, secret);
      out.push(event);
    }
    return out;
  };
  return { deliver, deliveries, events };
}

/** The `type.action` slugs of `events`. */
export const slugs = (events: Received[]): string[] => events.map((e) => `${e.type}.${e.action}`);

/** What a flow test works with: a base URL, a token and the mock's `settle()`. */
export interface Flow {
  base: string;
  token: string;
  settle: () => Promise<void>;
}

/** A call of the flow's token. */
export const call = (flow: Flow, path: string, init?: Parameters<typeof py>[3]): Promise<Answer> =>
  py(flow.base, flow.token, path, init);

/**
 * Makes the token's organisation usable (valid webhook and storage configs, the storage config signing URLs so that
 * results can be downloaded); returns the webhook config's secret.
 */
export async function configure(flow: Flow, parts: { webhook?: boolean; storage?: boolean } = {}): Promise<string> {
  let secret = '';
  if (parts.webhook !== false) {
    const hook = await call(flow, '/configs/webhook', { method: 'POST', body: { url: 'https://hooks.example.com/r' } });
    secret = hook.json.secret;
  }
  if (parts.storage !== false) {
    const storage = {
      url: 'gs://results-bucket/ricloud',
      credentials: { private_key: 'k' },
      signed_urls_enabled: true,
    };
    await call(flow, '/configs/storage', { method: 'POST', body: storage });
  }
  await flow.settle();
  return secret;
}

/** A new user of `identifier`. */
export async function user(flow: Flow, identifier = 'customer-1'): Promise<string> {
  return (await call(flow, '/users', { method: 'POST', body: { identifier } })).json.id;
}

/** Opens a session on an iCloud account of a new user (or `source` as given) and waits until it is decided. */
export async function session(
  flow: Flow,
  source: Record<string, unknown> = {},
  payload: Record<string, unknown> = { password: 'right' },
): Promise<Answer['json']> {
  const body = {
    source: { user: await user(flow), type: 'icloud.account', identifier: 'john@icloud.com', ...source },
    payload,
  };
  const created = await call(flow, '/sessions', { method: 'POST', body });
  if (created.status !== 201) return created.json;
  await flow.settle();
  return (await call(flow, `/sessions/${created.json.id}`)).json;
}
