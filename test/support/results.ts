/** Results to test with: a poll of the mock, run to completion through the public API. */
import type { Client, Result } from '../../src/index';

/** The results of a completed poll of `payload` on a new active session of `sdk`'s organisation. */
export async function resultsOf(sdk: Client, payload: Record<string, string[]>, settle: () => Promise<void>) {
  await sdk.webhookConfigs.create({ url: 'https://hooks.example.com/r' });
  await sdk.storageConfigs.create({ url: 'gs://results-bucket/ricloud', credentials: { private_key: 'k' } });
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
