/** Deno: the receiver on `Deno.serve`. */
import { runServerSide } from './server-side.mjs';

await runServerSide(async (handler) => {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, handler);
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
});
