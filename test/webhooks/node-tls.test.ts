/**
 * toNodeHandler over TLS: the `Request` a receiver sees has an https URL whether the request came over HTTP/1.1
 * (`node:https`, or `node:http2`'s secure server with `allowHTTP1`), which has no `:scheme`, or over HTTP/2.
 */
import { describe, expect, it } from 'vitest';
import { type NodeRequest, type NodeResponse, toNodeHandler } from '../../src/webhooks/index';

/** The URL of the `Request` the receiver is handed for `req`. */
async function urlSeen(req: NodeRequest): Promise<string> {
  let url = '';
  await new Promise<void>((resolve) => {
    const res: NodeResponse = {
      headersSent: false,
      writeHead: () => res,
      end: () => resolve(),
      destroy: () => resolve(),
    };
    toNodeHandler(async (request) => {
      url = request.url;
      return new Response(null, { status: 204 });
    })(req, res);
  });
  return url;
}

/** A POST to `/hooks` with no body, over `socket`. */
const request = (headers: NodeRequest['headers'], socket?: unknown): NodeRequest => ({
  method: 'POST',
  url: '/hooks',
  headers,
  socket,
  async *[Symbol.asyncIterator]() {},
});

describe('toNodeHandler over TLS', () => {
  it('gives an HTTP/1.1 request on an encrypted socket an https URL', async () => {
    expect(await urlSeen(request({ host: 'receiver.example' }, { encrypted: true }))).toBe(
      'https://receiver.example/hooks',
    );
  });

  it('gives an HTTP/2 request its :scheme, and a request on a plain socket an http URL', async () => {
    const h2 = { ':authority': 'receiver.example', ':scheme': 'https' };
    expect(await urlSeen(request(h2, { encrypted: true }))).toBe('https://receiver.example/hooks');
    expect(await urlSeen(request({ host: 'receiver.example' }, {}))).toBe('http://receiver.example/hooks');
    expect(await urlSeen(request({ host: 'receiver.example' }))).toBe('http://receiver.example/hooks');
  });
});
