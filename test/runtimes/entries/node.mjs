/** Node: the receiver on `node:http`, through `toNodeHandler`. */
import { createServer } from 'node:http';
import { toNodeHandler } from 'ricloud/webhooks';
import { runServerSide } from './server-side.mjs';

await runServerSide(
  (handler) =>
    new Promise((resolve) => {
      const server = createServer(toNodeHandler(handler));
      server.listen(0, '127.0.0.1', () =>
        resolve({
          url: `http://127.0.0.1:${server.address().port}`,
          close: () =>
            new Promise((closed) => {
              server.closeAllConnections();
              server.close(closed);
            }),
        }),
      );
    }),
);
