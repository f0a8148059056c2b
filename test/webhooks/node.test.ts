import { Agent, createServer, request, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import middie from '@fastify/middie';
import express from 'express';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client } from '../../src/index';
import { startMockServer, type MockServer } from '../../src/mock/index';
import { constructEvent, SIGNATURE_HEADER, toNodeHandler, WebhookPayloadError } from '../../src/webhooks/index';
import { badDeliveries, expectRefused, recorder, signed, taskSucceeded, type Wire } from './support';

const servers: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Listens on a free loopback port; closed after the test. Returns the base URL. */
async function listen(listener: RequestListener): Promise<string> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const send = (url: string, wire: Wire) => fetch(url, { method: 'POST', headers: wire.headers, body: wire.body });

describe('toNodeHandler on node:http', () => {
  it('accepts a signed delivery and answers 200 with the handler response', async () => {
    const { handler, events } = recorder();
    const url = await listen(toNodeHandler(handler));
    const response = await send(`${url}/webhooks/evt_1`, await signed(JSON.stringify(taskSucceeded('evt_1'))));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('OK');
    expect(events.map((event) => event.id)).toEqual(['evt_1']);
  });

  it('answers 405 for a GET', async () => {
    const { handler, events } = recorder();
    const url = await listen(toNodeHandler(handler));
    const response = await fetch(`${url}/webhooks`);
    expect(response.status).toBe(405);
    expect(events).toEqual([]);
  });

  it.each(badDeliveries.map((bad) => [bad.name, bad] as const))(
    'refuses %s with its status and typed error, running no handler',
    async (_name, bad) => {
      const recorded = recorder();
      const url = await listen(toNodeHandler(recorded.handler));
      await expectRefused(bad, (wire) => send(url, wire), recorded);
    },
  );

  it(
    'answers 413 to a chunked upload over maxBodyBytes, reading only up to the limit, ' +
      'and serves the next delivery',
    async () => {
      const { handler, events } = recorder({ maxBodyBytes: 1_000 });
      const url = await listen(toNodeHandler(handler));
      // An upload with no declared length that never ends: only a server that stops reading can answer it.
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new Uint8Array(1_000).fill(0x20));
        },
      });
      const { headers } = await signed('{}');
      const response = await fetch(url, { method: 'POST', headers, body: endless, duplex: 'half' } as RequestInit);
      expect(response.status).toBe(413);
      expect(events).toEqual([]);
      expect((await send(url, await signed(JSON.stringify(taskSucceeded('evt_after'))))).status).toBe(200);
      expect(events.map((event) => event.id)).toEqual(['evt_after']);
    },
  );

  describe('over one kept-alive connection', () => {
    /** POSTs `body` (written in `chunks` parts, without a declared length when there are several) through `agent`. */
    const post = (url: string, agent: Agent, wire: Wire, chunks = 1) =>
      new Promise<{ status: number; connection: string | undefined; socket: unknown }>((resolve, reject) => {
        const headers =
          chunks === 1 ? { ...wire.headers, 'content-length': String(Buffer.byteLength(wire.body)) } : wire.headers;
        const sent = request(url, { method: 'POST', agent, headers }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socket: res.socket }),
          );
        });
        sent.on('error', reject);
        for (let i = 0; i < chunks - 1; i++) sent.write(wire.body);
        sent.end(wire.body);
      });

    it(
      'after a 413 for a declared Content-Length, the connection stays usable: ' +
        'the next delivery is answered on it',
      async () => {
        const { handler, events } = recorder({ maxBodyBytes: 1_000 });
        const url = await listen(toNodeHandler(handler));
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const big = await post(url, agent, { body: 'x'.repeat(200_000), headers: (await signed('{}')).headers });
        const next = await post(url, agent, await signed(JSON.stringify(taskSucceeded('evt_next'))));
        agent.destroy();
        expect(big).toMatchObject({ status: 413, connection: 'keep-alive' });
        expect(next.status).toBe(200);
        expect(next.socket).toBe(big.socket);
        expect(events.map((event) => event.id)).toEqual(['evt_next']);
      },
    );

    it(
      'after a 413 for an upload cut part way, answers Connection: close, ' +
        'and the next delivery gets a new connection',
      async () => {
        const { handler, events } = recorder({ maxBodyBytes: 1_000 });
        const url = await listen(toNodeHandler(handler));
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const cut = await post(url, agent, { body: 'x'.repeat(1_000), headers: (await signed('{}')).headers }, 200);
        const next = await post(url, agent, await signed(JSON.stringify(taskSucceeded('evt_after_cut'))));
        agent.destroy();
        expect(cut).toMatchObject({ status: 413, connection: 'close' });
        expect(next.status).toBe(200);
        expect(events.map((event) => event.id)).toEqual(['evt_after_cut']);
      },
    );
  });

  describe('a body still arriving when it is refused', () => {
    /** A raw connection: what it writes is sent as it is, and `until` waits for what the server wrote to match. */
    function rawConnection(url: string) {
      let received = '';
      const socket = connect(Number(new URL(url).port), '127.0.0.1');
      socket.setEncoding('utf8');
      socket.on('data', (data: string) => {
        received += data;
      });
      // A reset (ECONNRESET) closes it as well.
      socket.on('error', () => undefined);
      const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
      /** What the server wrote, once it matches `pattern`; rejects if the connection closes first. */
      const until = (pattern: RegExp) =>
        new Promise<string>((resolve, reject) => {
          const check = () => pattern.test(received) && resolve(received);
          socket.on('data', check);
          check();
          closed.then(() => reject(new Error(`connection closed after: ${received}`)));
        });
      return { write: (text: string) => socket.write(text), until, closed, end: () => socket.destroy() };
    }

    /** A request's head: its line, the signature headers of an empty body, a Host and `framing`, then a blank line. */
    const head = async (method: string, framing: string, body = '{}') => {
      const { headers } = await signed(body);
      const lines = Object.entries({ ...headers, host: '127.0.0.1' }).map(([name, value]) => `${name}: ${value}`);
      return `${method} /webhooks HTTP/1.1\r\n${[...lines, framing].join('\r\n')}\r\n\r\n`;
    };

    it.each([
      ['a POST declaring a Content-Length over maxBodyBytes', 'POST', 'content-length: 200000', 'x'.repeat(100), 413],
      ['a PUT with a declared body, refused by method', 'PUT', 'content-length: 200000', 'x'.repeat(100), 405],
      [
        'a chunked POST whose first chunk passes maxBodyBytes',
        'POST',
        'transfer-encoding: chunked',
        `100000\r\n${'x'.repeat(2_000)}`,
        413,
      ],
    ])(
      'answers %s, and closes the connection when the sender is still sending it after bodyTimeout',
      async (_name, method, framing, start, status) => {
        const { handler, events } = recorder({ maxBodyBytes: 1_000, bodyTimeout: 100 });
        const connection = rawConnection(await listen(toNodeHandler(handler)));
        // The start of the body, then a byte now and then: Node's keep-alive timeout never fires, and a server that
        // waits for the rest holds the socket until its requestTimeout (5 minutes by default, or never).
        connection.write((await head(method, framing)) + start);
        const trickle = setInterval(() => connection.write('x'), 50);
        const received = await connection.closed.finally(() => clearInterval(trickle));
        expect(received).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
        expect(events).toEqual([]);
      },
    );

    it('keeps no timer holding the process for a sender that dropped the connection mid-body', async () => {
      const LIMIT_MS = 60_000;
      const set = vi.spyOn(globalThis, 'setTimeout');
      const clear = vi.spyOn(globalThis, 'clearTimeout');
      try {
        const { handler, errors } = recorder({ bodyTimeout: LIMIT_MS });
        const connection = rawConnection(await listen(toNodeHandler(handler)));
        connection.write(`${await head('POST', 'content-length: 2000')}${'x'.repeat(100)}`);
        await vi.waitFor(() => expect(set.mock.calls.some(([, ms]) => ms === LIMIT_MS)).toBe(true));
        connection.end();
        await vi.waitFor(() => expect(errors).toHaveLength(1));
        // The adapter's own work after the answer, a few turns later.
        await new Promise((resolve) => setTimeout(resolve, 50));
        const cleared = new Set(clear.mock.calls.map(([timer]) => timer));
        const started = set.mock.calls.flatMap(([, ms], i) => (ms === LIMIT_MS ? [set.mock.results[i]?.value] : []));
        expect(started.filter((timer: NodeJS.Timeout) => !cleared.has(timer) && timer.hasRef())).toEqual([]);
      } finally {
        set.mockRestore();
        clear.mockRestore();
      }
    });

    it(
      'keeps the connection of a sender that sends the rest of a refused body promptly, ' +
        'and serves the next delivery on it after bodyTimeout',
      async () => {
        const { handler, events } = recorder({ maxBodyBytes: 1_000, bodyTimeout: 100 });
        const connection = rawConnection(await listen(toNodeHandler(handler)));
        connection.write((await head('POST', 'content-length: 2000')) + 'x'.repeat(1_000));
        // Answers carry no length: each ends with the last chunk of its chunked body.
        const refused = await connection.until(/\r\n0\r\n\r\n$/);
        // The rest of the body comes after the answer, well within bodyTimeout.
        connection.write('x'.repeat(1_000));
        await new Promise((resolve) => setTimeout(resolve, 300));
        const body = JSON.stringify(taskSucceeded('evt_later'));
        connection.write(`${await head('POST', `content-length: ${body.length}`, body)}${body}`);
        const served = await connection.until(/ 200 .*\r\n0\r\n\r\n$/s);
        connection.end();
        expect(refused).toMatch(/^HTTP\/1\.1 413 .*\r\nConnection: keep-alive\r\n/is);
        expect(served.slice(refused.length)).toMatch(/^HTTP\/1\.1 200 /);
        expect(events.map((event) => event.id)).toEqual(['evt_later']);
      },
    );
  });

  it('answers 408 with Connection: close to a body unfinished at bodyTimeout; serves the next delivery', async () => {
    const { handler, events, errors } = recorder({ bodyTimeout: 50 });
    const url = await listen(toNodeHandler(handler));
    const wire = await signed(JSON.stringify(taskSucceeded('evt_slow')));
    // Half the body is written, and the rest never comes: only a receiver with a timeout answers.
    const slow = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const sent = request(url, { method: 'POST', headers: wire.headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      sent.on('error', reject);
      sent.write(wire.body.slice(0, 20));
    });
    expect(slow).toEqual({ status: 408, connection: 'close' });
    expect(errors).toEqual([expect.objectContaining({ reason: 'timeout' })]);
    expect((await send(url, await signed(JSON.stringify(taskSucceeded('evt_next'))))).status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_next']);
  });

  it(
    'answers 408 with Connection: close, and closes the connection, when not one byte of a ' +
      'declared body came in time',
    async () => {
      const { handler, events, errors } = recorder({ bodyTimeout: 50 });
      const url = await listen(toNodeHandler(handler));
      const wire = await signed(JSON.stringify(taskSucceeded('evt_silent')));
      // The headers promise 100 bytes, and then the sender says nothing: the server must not keep the socket for it.
      let closed: Promise<unknown> = Promise.resolve();
      const silent = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const sent = request(url, { method: 'POST', headers: { ...wire.headers, 'content-length': '100' } }, (res) => {
          closed = new Promise((done) => (res.socket.destroyed ? done(null) : res.socket.on('close', done)));
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        sent.on('error', reject);
        sent.flushHeaders();
      });
      expect(silent).toEqual({ status: 408, connection: 'close' });
      await closed;
      expect(errors).toEqual([expect.objectContaining({ reason: 'timeout' })]);
      expect(events).toEqual([]);
    },
  );

  it(
    'answers 500 and emits a process warning when the stream was already read, never throwing ' +
      'or verifying what is left',
    async () => {
      const { handler, events } = recorder();
      const node = toNodeHandler(handler);
      const thrown: unknown[] = [];
      // Caught where it is emitted, so that the test run itself prints no process warning.
      const warnings: unknown[] = [];
      const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation((warning) => void warnings.push(warning));
      const url = await listen(async (req, res) => {
        for await (const _chunk of req); // someone else read the body
        try {
          node(req, res);
        } catch (error) {
          thrown.push(error);
        }
      });
      const response = await send(url, await signed(JSON.stringify(taskSucceeded())));
      emitWarning.mockRestore();
      expect(response.status).toBe(500);
      expect(await response.text()).toMatch(/Mount the webhook handler before express\.json\(\)/);
      expect(thrown).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toBeInstanceOf(WebhookPayloadError);
      expect(warnings[0]).toHaveProperty('reason', 'body-used');
      expect(events).toEqual([]);
    },
  );

  /** Sends a raw request with any method and Host, which fetch would refuse to make. */
  const raw = (url: string, method: string, headers: Record<string, string>) =>
    new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
      const sent = request(url, { method, headers, setHost: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow }));
      });
      sent.on('error', reject);
      sent.end('{}');
    });

  it.each([
    ['a TRACE request', 'TRACE', { host: '127.0.0.1' }, 405],
    ['a POST whose Host has a space', 'POST', { host: 'a b' }, 400],
    ['a POST whose Host has credentials', 'POST', { host: 'user@evil' }, 400],
  ])(
    'answers %s, which no Request can hold (method %s, headers %j), with %i and runs no handler',
    async (_name, method, headers, status) => {
      const { handler, events } = recorder();
      const url = await listen(toNodeHandler(handler));
      const answer = await raw(`${url}/webhooks`, method, headers);
      expect(answer.status).toBe(status);
      if (status === 405) expect(answer.allow).toBe('POST');
      expect(events).toEqual([]);
    },
  );
});

describe('toNodeHandler as Express middleware', () => {
  it('works mounted before any body parser', async () => {
    const { handler, events } = recorder();
    const app = express();
    app.post('/webhooks/:id', toNodeHandler(handler));
    app.use(express.json());
    const url = await listen(app);
    const response = await send(`${url}/webhooks/evt_2`, await signed(JSON.stringify(taskSucceeded('evt_2'))));
    expect(response.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_2']);
  });

  it('answers 500 with a clear error after express.json(), and the handler never runs', async () => {
    const { handler, events } = recorder();
    const passed: unknown[] = [];
    const app = express();
    app.use(express.json());
    app.post('/webhooks/:id', toNodeHandler(handler));
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      passed.push(error);
      res.status(500).send((error as Error).message);
    });
    const url = await listen(app);
    const response = await send(`${url}/webhooks/evt_3`, await signed(JSON.stringify(taskSucceeded('evt_3'))));
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/before express\.json\(\), or keep the raw bytes as req\.rawBody/);
    expect(passed[0]).toBeInstanceOf(WebhookPayloadError);
    expect(events).toEqual([]);
  });

  it('verifies req.rawBody kept by express.json({ verify })', async () => {
    const { handler, events } = recorder();
    const app = express();
    app.use(express.json({ verify: (req, _res, buf) => Object.assign(req, { rawBody: buf }) }));
    app.post('/webhooks/:id', toNodeHandler(handler));
    const url = await listen(app);
    // Spaces that JSON.stringify would drop: only the raw bytes verify.
    const response = await send(`${url}/webhooks/evt_4`, await signed(JSON.stringify(taskSucceeded('evt_4'), null, 2)));
    expect(response.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_4']);
  });

  it('verifies the Buffer left by express.raw()', async () => {
    const { handler, events } = recorder();
    const app = express();
    app.post('/webhooks/:id', express.raw({ type: '*/*' }), toNodeHandler(handler));
    const url = await listen(app);
    const response = await send(`${url}/webhooks/evt_5`, await signed(JSON.stringify(taskSucceeded('evt_5'))));
    expect(response.status).toBe(200);
    expect(events.map((event) => event.id)).toEqual(['evt_5']);
  });
});

describe('toNodeHandler with the mock server delivering over real HTTP', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('receives the mock webhook_config.test event and the config becomes valid', async () => {
    const tested: string[] = [];
    const { handler, errors } = recorder({
      secret: () => mock!.api.store.webhookConfigs().map((config) => config.secret),
      on: { 'webhook_config.test': (event) => void tested.push(event.data.id) },
    });
    const receiver = await listen(toNodeHandler(handler));
    mock = await startMockServer({ taskDelay: 1 });
    const client = new Client({ token: 'tok_node', baseUrl: mock.url, logLevel: 'off' });

    const config = await client.webhookConfigs.create({ url: `${receiver}/webhooks` });
    await mock.api.settle();
    await config.refresh();

    expect(config.state).toBe('valid');
    expect(tested).toEqual([config.id]);
    expect(errors).toEqual([]);
  });

  it("tells a receiver that reads req.headers[SIGNATURE_HEADER] that Node's header names are lower case", async () => {
    const errors: string[] = [];
    const app = express();
    app.post('/webhooks/:id', express.raw({ type: '*/*' }), async (req, res) => {
      const secrets = mock?.api.store.webhookConfigs().map((config) => config.secret) ?? [];
      try {
        await constructEvent(req.body as Buffer, req.headers[SIGNATURE_HEADER] as string | undefined, secrets);
        res.status(200).end();
      } catch (error) {
        errors.push((error as Error).message);
        res.status(400).end();
      }
    });
    const receiver = await listen(app);
    mock = await startMockServer({ taskDelay: 1 });
    const client = new Client({ token: 'tok_node', baseUrl: mock.url, logLevel: 'off' });
    await client.webhookConfigs.create({ url: `${receiver}/webhooks` });
    await mock.api.settle();
    expect(errors[0]).toContain("req.headers['ricloud-signature']");
  });

  it('acknowledges a replay of the mock delivery after accepting the original, not handling it again', async () => {
    const delivered: Request[] = [];
    const { handler, events, errors } = recorder({
      secret: () => mock!.api.store.webhookConfigs().map((config) => config.secret),
    });
    const receiver = await listen(toNodeHandler(handler));
    mock = await startMockServer({
      taskDelay: 1,
      deliver: (request) => {
        delivered.push(request.clone());
        return fetch(request);
      },
    });
    const client = new Client({ token: 'tok_node', baseUrl: mock.url, logLevel: 'off' });
    const config = await client.webhookConfigs.create({ url: `${receiver}/webhooks` });
    await mock.api.settle();
    await config.refresh();
    expect(config.state).toBe('valid');

    const replay = await fetch(delivered[0]!);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('OK (already received)');
    expect(events).toHaveLength(1);
    expect(errors).toEqual([expect.objectContaining({ name: 'ReplayError' })]);
  });
});

describe('toNodeHandler in Fastify, as @fastify/middie middleware', () => {
  it('verifies deliveries before Fastify reads the body, and leaves the other routes to Fastify', async () => {
    const { handler, events } = recorder();
    const app = Fastify();
    await app.register(middie);
    app.use('/webhooks', toNodeHandler(handler));
    app.post('/other', async (request) => ({ parsed: request.body }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    servers.push({ close: () => app.close() });

    expect((await send(`${url}/webhooks/evt_f`, await signed(JSON.stringify(taskSucceeded('evt_f'))))).status).toBe(
      200,
    );
    const tampered = await signed(JSON.stringify(taskSucceeded('evt_g')));
    expect(
      (await send(`${url}/webhooks/evt_g`, { ...tampered, body: tampered.body.replace('"succeeded"', '"failed"') }))
        .status,
    ).toBe(400);
    expect(events.map((event) => event.id)).toEqual(['evt_f']);
    const other = await fetch(`${url}/other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });
});
