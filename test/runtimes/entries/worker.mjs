/** Cloudflare workerd: the scenario in a module Worker. */
import { handle } from './fetch-handler.mjs';

export default { fetch: (request, _env, ctx) => handle(request, ctx) };
