/**
 * Shared set-up of the CLI tests of issue 17's flow: an organisation that may open sessions and polls (a valid
 * webhook config and storage config), and what a test waits for on a mock in another process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { Client, Session } from '../../src/index';
import { OK_URL, start } from './support';

/** A receiver on loopback that takes every delivery (200), for a mock in another process. */
export function useReceiver() {
  let server: Server | undefined;
  beforeAll(async () => {
    server = createServer((request, response) => request.resume().on('end', () => response.end()));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    server?.closeAllConnections();
    return new Promise((resolve) => server?.close(resolve));
  });
  return { url: () => `http://127.0.0.1:${((server as Server).address() as AddressInfo).port}/webhooks` };
}

/**
 * Gives the token's organisation a webhook config at `receiverUrl` and a storage config that signs URLs (so that
 * results can be downloaded), both valid once tested.
 */
export async function configureOrganisation(client: Client, receiverUrl: string): Promise<void> {
  const webhook = await client.webhookConfigs.create({ url: receiverUrl });
  const storage = await client.storageConfigs.create({
    url: 'gs://ricloud-cli-tests/results',
    credentials: { type: 'service_account' },
    signed_urls_enabled: true,
  });
  await until(async () => (await webhook.refresh()).state === 'valid' && (await storage.refresh()).state === 'valid');
}

/** Resolves once `check()` is true, looking every 20 ms; throws after 10 s (a bound, not a timing assertion). */
export async function until(check: () => Promise<boolean>, what = 'the condition'): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not happen within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `ricloud args…` with `input` on its stdin (then closed), to the end. */
export function ricloudWithInput(args: string[], env: Record<string, string | undefined>, input: string) {
  const launched = start(args, env);
  launched.child.stdin.end(input);
  return launched.done;
}

/** An active iCloud session of a new user on the token's organisation (configured first), made with the SDK. */
export async function activeSession(client: Client): Promise<Session> {
  await configureOrganisation(client, OK_URL);
  const user = await client.users.create({ identifier: 'cli-test-user' });
  const session = await client.sessions.create({
    source: { user, type: 'icloud.account', identifier: 'john@example.com' },
    payload: { password: 'correct horse' },
  });
  return session.wait({ timeout: 10_000 });
}

/** An active Relay session (paired with a code) of a new user on the token's organisation (configured first). */
export async function activeRelaySession(client: Client): Promise<Session> {
  await configureOrganisation(client, OK_URL);
  const user = await client.users.create({ identifier: 'cli-relay-user' });
  const session = await client.sessions.create({
    source: { user, type: 'rirelay.instance', identifier: 'relay-1' },
    payload: { code: 'PAIR-1' },
  });
  return session.wait({ timeout: 10_000 });
}
