/**
 * The benchmarks' loopback API, run in its own process so it does not share the client's core: one webhook config
 * at `GET /configs/webhook/{id}`, and `COUNT` synthetic configs listed newest first at `GET /configs/webhook`
 * (`limit`, `after_id`). Prints its port on stdout, then serves until killed or until its parent goes away.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How many configs the list holds. */
const COUNT = 10_000;
const MAX_LIMIT = 1000;

const config = (n: number) => ({
  id: `wc_${String(n).padStart(6, '0')}`,
  resource: 'webhook_config',
  organisation: 42,
  url: `https://receiver.example.com/webhooks/${n}`,
  state: 'valid',
  date_created: new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString(),
});

const one = JSON.stringify({ ...config(1), secret: 'whsec-bench-0123456789abcdefghijklmnopqrstuvwxyz' });
const headers = { 'content-type': 'application/json', 'x-request-id': 'req_bench' };

function listPage(url: URL): string {
  const limit = Math.min(MAX_LIMIT, Number(url.searchParams.get('limit') ?? 10));
  const after = url.searchParams.get('after_id');
  // Newest first: item COUNT is first, item 1 is last.
  const start = after ? Number(after.slice(3)) - 1 : COUNT;
  const data = [];
  for (let n = start; n > 0 && data.length < limit; n--) data.push(config(n));
  const last = data.at(-1);
  return JSON.stringify({
    data,
    has_more: last !== undefined && Number(last.id.slice(3)) > 1,
    total_count: COUNT,
    url: '/configs/webhook',
  });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const body = url.pathname === '/configs/webhook' ? listPage(url) : one;
  res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
// The benchmark holds our stdin open: when it ends (even when killed), so does this server.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
