/** How the mock shows a source, wherever it appears: alone, in a list, or nested in a session. */
import type { StoredSource } from './data-shapes';
import type { HandlerContext } from './endpoint';
import { firstPage } from './lists';

/** The source as the API shows it: its child sources (a Relay instance's devices) as a nested list. */
export function showSource(context: HandlerContext, source: StoredSource): unknown {
  const children = context.store.order.newestFirst(
    [...context.store.sources.values()].filter((s) => s.parent === source.id),
  );
  return {
    ...source,
    children: firstPage(children, `/sources?parent=${source.id}`),
  };
}
