/**
 * The error line of an API refusal says what to change: an `invalid-parameter` answer names the parameters the API
 * refused and why (its `params`), not only "Some parameters were invalid.".
 */
import { describe, expect, it } from 'vitest';
import { activeRelaySession } from './flow-support';
import { newToken, ricloud, useHostileServer, useMockServer } from './support';

const { env, client } = useMockServer();

/** An API that refuses every request as invalid, with the `params` its path names. */
const api = useHostileServer((request) => {
  const params = request.url?.endsWith('/odd')
    ? 'interval is too short'
    : { url: ['Enter a valid URL.'], state: ['Not one of new, deactivated.', 'Deprecated.'] };
  return {
    status: 400,
    body: JSON.stringify({ error: 'invalid-parameter', message: 'Some parameters were invalid.', params }),
  };
});

describe('the error line of an invalid-parameter answer', () => {
  it("names each refused parameter with the API's reason, on the one line (exit 1)", async () => {
    const token = newToken();
    const session = await activeRelaySession(client(token));
    const run = await ricloud(
      ['subscription', 'create', '--session', session.id, '--info-types', '*', '--interval', '60'],
      env(token),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: create subscription: Some parameters were invalid\. \(400 invalid-parameter\); interval: Enter a whole number of seconds, at least 3600\. \[request req_\w+\]\n$/,
    );
  });

  it('lists several parameters and their reasons, and shows params of another shape as JSON', async () => {
    const withEnv = { RICLOUD_URL: api.url(), RICLOUD_TOKEN: newToken(), RICLOUD_MAX_RETRIES: '0' };
    const run = await ricloud(['webhook-config', 'update', 'cfg_1', '--url', 'https://hooks.test/a'], withEnv);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: webhook_config cfg_1: Some parameters were invalid. (400 invalid-parameter); url: Enter a valid URL.; ' +
        'state: Not one of new, deactivated. Deprecated.\n',
    );
    const odd = await ricloud(['webhook-config', 'retrieve', 'odd'], withEnv);
    expect(odd.stderr).toBe(
      'error: webhook_config odd: Some parameters were invalid. (400 invalid-parameter); "interval is too short"\n',
    );
  });
});
