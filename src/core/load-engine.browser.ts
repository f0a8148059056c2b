/**
 * `#load-engine` under the `browser` condition (package.json `imports`): a bundle pays for laziness in bytes, not in
 * load time, so the request engine is imported statically and tree-shaken with the app.
 */
import { HTTPError, ky, mapFailure, send, createTransport } from './engine';

// Typed as the engine module, so an export added there and missing here fails the type check.
const engine: typeof import('./engine') = { HTTPError, ky, mapFailure, send, createTransport };

/** The request engine, bundled with the app. */
export const loadEngine = async () => engine;
