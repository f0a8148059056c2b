/**
 * Figure 8's mock API, run in its own process so that serving a 1 GiB file does not share the client's core:
 * `startMockServer` with `resultSize` from the first argument. Prints its base URL on stdout, then serves until its
 * parent goes away.
 */
import { startMockServer } from '../src/mock/index';

const server = await startMockServer({
  taskDelay: 1,
  resultSize: Number(process.argv[2]),
  deliver: async () => new Response('OK'),
});
process.stdout.write(`${server.url}\n`);
// The benchmark holds our stdin open: when it ends (even when killed), so does this server.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
