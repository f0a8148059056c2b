/**
 * The scenario as a Worker's `fetch` handler, for workerd and edge-runtime: `GET /run?mock=…&refused=…` runs it and
 * answers `{ passed, failed }` (or `{ error }`, status 500); any other request is a delivery for the scenario's
 * receiver, which the same Worker serves at its own origin.
 */
import * as ricloud from 'ricloud';
import * as webhooks from 'ricloud/webhooks';
import { runScenario } from './scenario.mjs';

let receiver;

/** Answers `request`: runs the scenario, or hands a delivery to its receiver with the platform's `context`. */
export async function handle(request, context) {
  const url = new URL(request.url);
  if (url.pathname !== '/run')
    return receiver ? receiver(request, context) : new Response('no receiver yet', { status: 503 });
  try {
    const { passed, failed } = await runScenario({
      sdk: { ricloud, webhooks },
      serve: async (handler) => {
        receiver = handler;
        return { url: url.origin, close: async () => {} };
      },
      mockUrl: url.searchParams.get('mock'),
      refusedUrl: url.searchParams.get('refused'),
      refusedMayHaveSucceeded: url.searchParams.get('refusedMayHaveSucceeded') === 'true',
    });
    return Response.json({ passed: ['import esm', ...passed], failed });
  } catch (error) {
    return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
  }
}
