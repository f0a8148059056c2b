/**
 * The secrets of an escape-hatch body are those it was sent with: a body that serialises itself (`toJSON`, a class
 * whose fields are private) has the values under secret keys of its JSON hidden where the server echoes them, and a
 * cycle its JSON leaves out is no failure of the SDK's own.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../src/index';
import { rejectionOf, useMockApi } from '../support/core-harness';

const { api, server, client } = useMockApi();

const PASSWORD = 'hunter2-correct-horse';

/** A login whose password is private: only its JSON holds it. */
class Login {
  readonly #password: string;
  constructor(password: string) {
    this.#password = password;
  }
  toJSON() {
    return { identifier: 'john@icloud.com', password: this.#password };
  }
}

describe('client.post(path, { body }) with a body that serialises itself', () => {
  it('hides a secret of its JSON that the server echoes bare', async () => {
    server.use(
      http.post(`${api.baseUrl}/logins`, async ({ request }) => {
        const { password } = (await request.json()) as { password: string };
        return HttpResponse.json({ error: 'invalid-parameter', message: `bad ${password}` }, { status: 400 });
      }),
    );
    const error = (await rejectionOf(client().post('/logins', { body: new Login(PASSWORD) }))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.apiMessage).toBe('bad [redacted]');
    expect(`${error.message} ${JSON.stringify(error)} ${error.body}`).not.toContain(PASSWORD);
  });

  it('takes a body whose toJSON leaves out a cycle: the answer, not a RangeError', async () => {
    const body: Record<string, unknown> = { toJSON: () => ({ url: 'https://hooks.example.com/in' }) };
    body.self = body;
    const created = await client().post<{ url: string }>('/configs/webhook', { body });
    expect(created.url).toBe('https://hooks.example.com/in');
  });
});
