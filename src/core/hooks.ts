/** Runs the observability hooks (onRequest, onResponse, onRetry) of a client and of a call. */
import type { Hooks } from './options';

/** Runs both hooks of one kind, the client's first. A hook that throws (or rejects) is logged, never fatal. */
export function runHooks<K extends keyof Hooks>(
  client: Hooks & { log: (at: 'warn', message: string) => void },
  call: Hooks,
  name: K,
  event: Parameters<NonNullable<Hooks[K]>>[0],
): void {
  for (const hook of [client[name], call[name]]) {
    if (!hook) continue;
    const threw = (error: unknown) =>
      client.log('warn', `${name} hook threw: ${error instanceof Error ? error.name : typeof error}`);
    try {
      // An async hook is not awaited, but its rejection is caught: it must not become an unhandled one.
      Promise.resolve((hook as (e: typeof event) => unknown)(event)).catch(threw);
    } catch (error) {
      threw(error);
    }
  }
}
