import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { configure, InvalidInputError, NotFoundError, Task, User, WebhookConfig } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, client, server } = useMockApi();
const HOOK = 'https://hooks.example.com/in';

describe('WebhookConfig delete', () => {
  it('cfg.delete() sends DELETE, answers with the config, and a key that named it falls back (null)', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: HOOK });
    const key = await c.keys.current();
    await key.update({ webhook_config: cfg });
    const gone = await cfg.delete();
    expect(api.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/configs/webhook/${cfg.id}` });
    expect(gone).toBeInstanceOf(WebhookConfig);
    expect(gone.id).toBe(cfg.id);
    expect(await rejectionOf(c.webhookConfigs.retrieve(cfg.id))).toBeInstanceOf(NotFoundError);
    expect((await key.refresh()).webhook_config).toBeNull();
  });

  it('WebhookConfig.deleteWithId() on the default client; an unknown id is NotFoundError', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const cfg = await WebhookConfig.create({ url: HOOK });
    expect((await WebhookConfig.deleteWithId(cfg.id)).id).toBe(cfg.id);
    expect(await rejectionOf(WebhookConfig.deleteWithId(cfg.id))).toBeInstanceOf(NotFoundError);
  });
});

describe('Task.create', () => {
  // The mock serves no POST /tasks (only ricloud-py shows it): this checks what the SDK sends.
  it('POSTs type and its arguments once, resources sent as their ids, and returns a Task', async () => {
    const sent: string[] = [];
    server.use(
      http.post(`${api.baseUrl}/tasks`, async ({ request }) => {
        sent.push(await request.text());
        return HttpResponse.json(
          {
            id: 'tsk_1',
            resource: 'task',
            type: 'icloud.data',
            state: 'pending',
            date_created: '2025-01-01T00:00:00Z',
          },
          { status: 201 },
        );
      }),
    );
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const user = await User.create({ identifier: 'j@example.com' });
    const task = await Task.create({
      type: 'icloud.data',
      target: 'messages.sms',
      session: { id: 'ses_1' },
      user,
    });
    expect(task).toBeInstanceOf(Task);
    expect(task).toMatchObject({ id: 'tsk_1', state: 'pending' });
    expect(sent).toEqual([
      JSON.stringify({ type: 'icloud.data', target: 'messages.sms', session: 'ses_1', user: user.id }),
    ]);
    const error = await rejectionOf(client().tasks.create({} as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'type' });
  });
});
