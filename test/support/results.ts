/** Results to test with: a poll of the mock, run to completion through the public API. */
import type { Client, Result } from '../../src/index';

/**
 * The results of a completed poll of `payload` on a new active session of `sdk`'s organisation, whose storage config
 * signs URLs (so that they can be downloaded) unless `signedUrls` is false.
 */
export async function resultsOf(
  sdk: Client,
  payload: Record<string, string[]>,
  settle: () => Promise<void>,
  signedUrls = true,
) {
  await sdk.webhookConfigs.create({ url: 'https://hooks.example.com/r' });
  const storage = { url: 'gs://results-bucket/ricloud', credentials: { private_key: 'k' } };
  await sdk.storageConfigs.create(signedUrls ? { ...storage, signed_urls_enabled: true } : storage);
  await settle();
  const user = await sdk.post<{ id: string }>('/users', { body: { identifier: 'customer-1' } });
  const source = { user: user.id, type: 'icloud.account', identifier: 'john@icloud.com' };
  const session = await sdk.post<{ id: string }>('/sessions', { body: { source, payload: { password: 'right' } } });
  await settle();
  const poll = await sdk.post<{ id: string }>('/polls', { body: { session: session.id, payload } });
  await settle();
  const results: Result[] = [];
  for await (const result of sdk.results.list({ poll: poll.id })) results.push(result);
  return { poll: poll.id, results };
}
