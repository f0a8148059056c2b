/** Bun: the receiver on `Bun.serve`. */
import { runServerSide } from './server-side.mjs';

await runServerSide(async (handler) => {
  const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handler });
  return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
});
