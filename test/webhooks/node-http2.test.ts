/**
 * toNodeHandler on `node:http2`'s compatibility API, over h2c (HTTP/2 without TLS), with a real server and client:
 * HTTP/2 sends the host as `:authority` (no `Host` header) and forbids connection-specific headers in an answer.
 */
import { type ClientHttp2Session, connect, createServer, type Http2Server, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type NodeHandler, toNodeHandler } from '../../src/webhooks/index';
import { recorder, signed, taskSucceeded, type Wire } from './support';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** An h2c server of `handler` on a free loopback port, closed after the test; returns its origin. */
async function listen(handler: NodeHandler): Promise<string> {
  const server: Http2Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An HTTP/2 session with `origin`, closed after the test. */
function session(origin: string): ClientHttp2Session {
  const opened = connect(origin);
  closers.push(() => new Promise((resolve) => opened.close(() => resolve())));
  return opened;
}

/** POSTs `wire` to `path` as a stream of `session`, its body in `parts` (no declared length); the status and text. */
async function post(to: ClientHttp2Session, path: string, wire: Wire, parts = [wire.body]) {
  const stream = to.request({ ':method': 'POST', ':path': path, ...wire.headers });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    let headers: IncomingHttpHeaders = {};
    let text = '';
    stream.on('response', (received) => (headers = received));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ status: Number(headers[':status']), text }));
    stream.on('error', reject);
  });
  for (const part of parts) stream.write(part);
  stream.end();
  return answer;
}

describe('toNodeHandler on node:http2 (h2c)', () => {
  it('accepts a signed delivery, and the receiver sees the URL it was sent to, host from :authority', async () => {
    const seen: string[] = [];
    const { handler, events } = recorder({
      secret: (request) => {
        seen.push(request.url);
        return 'whsec_test_0123456789abcdef';
      },
    });
    const origin = await listen(toNodeHandler(handler));
    const answer = await post(
      session(origin),
      '/webhooks/evt_1?try=1',
      await signed(JSON.stringify(taskSucceeded('evt_1'))),
    );
    expect(answer).toEqual({ status: 200, text: 'OK' });
    expect(events.map((event) => event.id)).toEqual(['evt_1']);
    expect(seen).toEqual([`${origin}/webhooks/evt_1?try=1`]);
  });

  it('refuses a wrong signature with 400, running no handler', async () => {
    const { handler, events } = recorder();
    const origin = await listen(toNodeHandler(handler));
    const wire = await signed(JSON.stringify(taskSucceeded()), 'whsec_other');
    expect((await post(session(origin), '/webhooks', wire)).status).toBe(400);
    expect(events).toEqual([]);
  });

  it('answers 413 to a body streamed past maxBodyBytes, with no warning; serves the next on that session', async () => {
    const warnings: Error[] = [];
    const warned = (warning: Error) => void warnings.push(warning);
    process.on('warning', warned);
    try {
      const { handler, events, errors } = recorder({ maxBodyBytes: 1024 });
      const to = session(await listen(toNodeHandler(handler)));
      const big = await signed(JSON.stringify({ ...taskSucceeded(), pad: 'x'.repeat(4096) }));
      const answer = await post(to, '/webhooks', big, [big.body.slice(0, 2000), big.body.slice(2000)]);
      expect(answer.status).toBe(413);
      expect(errors[0]).toHaveProperty('reason', 'too-large');
      expect(events).toEqual([]);
      const next = await post(to, '/webhooks', await signed(JSON.stringify(taskSucceeded('evt_2'))));
      expect(next.status).toBe(200);
      expect(events.map((event) => event.id)).toEqual(['evt_2']);
      // A warning is emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.message)).toEqual([]);
    } finally {
      process.off('warning', warned);
    }
  });
});
