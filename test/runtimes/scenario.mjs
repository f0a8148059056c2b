/**
 * The one scenario every runtime runs against the packed package: the client against a standalone `ricloud mock`,
 * a signed delivery received and verified by this runtime's own server, and the typed errors. Web APIs only.
 *
 * `sdk` is `{ ricloud, webhooks }` (the runtime's own imports), `serve(handler)` starts the runtime's HTTP server for
 * a `(Request) => Promise<Response>` and resolves to `{ url, close(), send? }` (`send`, where nothing can call the
 * server, hands it a request in place of `fetch`), `mockUrl` is the mock's base URL and
 * `refusedUrl` a loopback URL where nothing listens. Resolves to `{ passed, failed }`: the names of the checks that
 * passed, and `{ check, error }` for each that failed (the run goes on, so one failure hides no other).
 */
export async function runScenario({ sdk, serve, mockUrl, refusedUrl, refusedMayHaveSucceeded = false }) {
  const { ricloud, webhooks } = sdk;
  const passed = [];
  const failed = [];
  const check = async (name, work) => {
    try {
      await work();
      passed.push(name);
    } catch (error) {
      failed.push({ check: name, error: String(error?.stack ?? error) });
    }
  };
  const expect = (ok, what) => {
    if (!ok) throw new Error(what);
  };

  const client = new ricloud.Client({ token: 'runtimes', baseUrl: mockUrl, timeout: 10_000 });
  let created;
  const secret = async () => (await created)?.secret ?? [];
  let delivered;
  const deliveries = new Promise((resolve) => {
    delivered = resolve;
  });
  const refused = [];
  // A handler still running at handlerTimeout: the delivery gets its 503, and the handler must still finish (edge
  // runtimes cut off work past the answer unless it goes to the context's waitUntil).
  const LATE_ID = 'evt-late-handler';
  let releaseLate;
  let lateDone;
  const lateReleased = new Promise((resolve) => {
    releaseLate = resolve;
  });
  const lateFinished = new Promise((resolve) => {
    lateDone = resolve;
  });
  const finishLate = async () => {
    await lateReleased;
    await new Promise((resolve) => setTimeout(resolve, 10));
    lateDone();
  };
  const receiver = webhooks.createWebhookHandler({
    secret,
    handlerTimeout: 1_000,
    on: { 'webhook_config.test': (event) => (event.id === LATE_ID ? finishLate() : delivered(event)) },
    onError: (error) => refused.push(error),
  });
  const server = await serve(receiver);
  try {
    let cfg;
    let event;
    await check('create', async () => {
      created = client.webhookConfigs.create({ url: `${server.url}/webhooks` });
      cfg = await created;
      expect(typeof cfg.secret === 'string' && cfg.secret.length > 0, 'no secret');
      expect(cfg.state === 'new', `state ${cfg.state}`);
    });
    await check('retrieve', async () => {
      const same = await client.webhookConfigs.retrieve(cfg.id);
      expect(same.id === cfg.id && same.url === cfg.url, `got ${same.id} ${same.url}`);
    });
    await check('list', async () => {
      const page = await client.webhookConfigs.list({ limit: 10 });
      expect(
        page.data.some((item) => item.id === cfg.id),
        'created config not on the first page',
      );
      let seen = 0;
      for await (const item of client.webhookConfigs.list({ limit: 1 })) if (item.id === cfg.id) seen++;
      expect(seen === 1, `for await saw the config ${seen} times`);
    });
    await check('test + task.wait', async () => {
      const task = await cfg.test();
      await task.wait({ timeout: 30_000 });
      expect(task.state === 'succeeded', `task ${task.state} ${task.error ?? ''}`);
    });
    await check('signed delivery verified', async () => {
      let timer;
      event = await Promise.race([
        deliveries,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('no delivery in 15 s')), 15_000);
        }),
      ]).finally(() => clearTimeout(timer));
      expect(event.data.id === cfg.id, `delivery for ${event.data.id}`);
      expect(refused.length === 0, `receiver refused: ${refused.map(String).join('; ')}`);
      await cfg.refresh();
      expect(cfg.state === 'valid', `config ${cfg.state} after its test`);
      const forged = await webhooks.createSignedRequest(event, 'not-the-secret', { url: `${server.url}/webhooks/x` });
      const answer = await (server.send ?? fetch)(forged);
      await answer.arrayBuffer();
      expect(answer.status === 400, `a delivery signed with another secret got ${answer.status}`);
      expect(refused[0] instanceof webhooks.SignatureVerificationError, `refused with ${refused[0]}`);
    });
    await check('handler past handlerTimeout finishes', async () => {
      const late = await webhooks.createSignedRequest({ ...event, id: LATE_ID }, cfg.secret, {
        url: `${server.url}/webhooks`,
      });
      const answer = await (server.send ?? fetch)(late);
      await answer.arrayBuffer();
      expect(answer.status === 503, `a handler past handlerTimeout got ${answer.status}`);
      expect(refused.at(-1)?.name === 'TimeoutError', `onError got ${refused.at(-1)}`);
      releaseLate();
      let timer;
      await Promise.race([
        lateFinished,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the handler did not finish after its 503')), 10_000);
        }),
      ]).finally(() => clearTimeout(timer));
    });
    await check('update', async () => {
      await cfg.update({ url: `${server.url}/webhooks/v2` });
      expect(cfg.url === `${server.url}/webhooks/v2`, `url ${cfg.url}`);
    });
    await check('NotFoundError', async () => {
      const error = await client.webhookConfigs.retrieve('no-such-config').catch((e) => e);
      expect(error instanceof ricloud.NotFoundError && error.status === 404, `got ${error}`);
    });
    await check('refused connection', async () => {
      const nowhere = new ricloud.Client({ token: 'runtimes', baseUrl: refusedUrl, maxRetries: 1 });
      const error = await nowhere.webhookConfigs.create({ url: 'https://receiver.example/webhooks' }).catch((e) => e);
      expect(error instanceof ricloud.ConnectionError, `got ${error}`);
      expect(
        error.mayHaveSucceeded === refusedMayHaveSucceeded,
        `mayHaveSucceeded ${error.mayHaveSucceeded}, expected ${refusedMayHaveSucceeded}: ${error.message}`,
      );
    });
  } finally {
    await server.close();
  }
  return { passed, failed };
}
