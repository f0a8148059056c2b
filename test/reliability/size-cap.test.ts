/**
 * Response size cap: a body past `maxResponseBytes` (counted after decompression) is a ResponseTooLargeError naming
 * the cap, read no further and not retried, from a real socket that never ends its body or sends a gzip bomb.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, ResponseTooLargeError, RicloudError } from '../../src/index';
import { rejectionOf, TOKEN_A } from '../support/core-harness';
import { dribble } from '../support/dribble';

const CHUNK = Buffer.alloc(64 * 1024, 'a');
// 64 MB of spaces inside a JSON string: valid JSON, about 64 KB once gzipped.
const BOMB = gzipSync(
  Buffer.concat([
    Buffer.from('{"data":[],"has_more":false,"x":"'),
    Buffer.alloc(64 * 1024 * 1024, ' '),
    Buffer.from('"}'),
  ]),
);

let server: Server;
let baseUrl = '';
let mode: 'endless' | 'bomb' = 'endless';
let requests = 0;
let bytesWritten = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    if (mode === 'bomb') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(BOMB);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":[],"has_more":false,"x":"');
    let open = true;
    request.socket.on('close', () => (open = false));
    const more = () => {
      while (open && bytesWritten < 1024 * 1024 * 1024) {
        bytesWritten += CHUNK.length;
        if (!response.write(CHUNK)) return void response.once('drain', more);
      }
      response.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  requests = 0;
  bytesWritten = 0;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('maxResponseBytes', () => {
  it('an endless body ends as ResponseTooLargeError naming the cap, once, without reading on', async () => {
    mode = 'endless';
    const client = new Client({ token: TOKEN_A, baseUrl, maxResponseBytes: 1_000_000, logLevel: 'off' });
    const error = await rejectionOf(client.webhookConfigs.list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(RicloudError);
    expect(error.message).toContain('maxResponseBytes (1000000 bytes)');
    expect((error as ResponseTooLargeError).maxResponseBytes).toBe(1_000_000);
    expect((error as ResponseTooLargeError).status).toBe(200);
    expect(requests).toBe(1);
    // The socket closed long before the server's own 1 GB stop.
    expect(bytesWritten).toBeLessThan(512 * 1024 * 1024);
  });

  it('a gzip bomb is counted after decompression: 64 KB on the wire passes the default 10 MB cap', async () => {
    mode = 'bomb';
    expect(BOMB.length).toBeLessThan(1024 * 1024);
    const client = new Client({ token: TOKEN_A, baseUrl, logLevel: 'off' });
    const error = await rejectionOf(client.webhookConfigs.list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain(`maxResponseBytes (${10 * 1024 * 1024} bytes)`);
    expect(requests).toBe(1);
  });

  it('a body sent a byte at a time takes about the memory of its bytes, not of its chunks', async () => {
    // 1 000 000 chunks: a string piece kept per chunk (about 32 bytes) is 32 MB; the bytes themselves are 1 MB.
    const { body, peakGrowth } = dribble(1_000_000, '{"data":[],"has_more":false}');
    const fetch = async () => new Response(body, { headers: { 'content-type': 'application/json' } });
    const client = new Client({ token: TOKEN_A, baseUrl: 'https://api.example', fetch, logLevel: 'off' });
    const page = await client.webhookConfigs.list();
    expect(page.data).toEqual([]);
    expect(peakGrowth()).toBeLessThan(16 * 1024 * 1024);
  }, 60_000);

  it('a body in several chunks is read whole, and the chunks its stream gave are left as they came', async () => {
    const text = '{"data":[],"has_more":false}';
    const chunks = [text.slice(0, 10), text.slice(10, 11), '', text.slice(11)].map((part) =>
      new TextEncoder().encode(part),
    );
    const copies = chunks.map((chunk) => chunk.slice());
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const fetch = async () => new Response(body, { headers: { 'content-type': 'application/json' } });
    const client = new Client({ token: TOKEN_A, baseUrl: 'https://api.example', fetch, logLevel: 'off' });
    const page = await client.webhookConfigs.list();
    expect(page.data).toEqual([]);
    expect(chunks).toEqual(copies);
  });

  it('a body under the cap is read as usual', async () => {
    mode = 'bomb';
    const client = new Client({ token: TOKEN_A, baseUrl, maxResponseBytes: 100 * 1024 * 1024, logLevel: 'off' });
    const page = await client.webhookConfigs.list();
    expect(page.data).toEqual([]);
  });
});
