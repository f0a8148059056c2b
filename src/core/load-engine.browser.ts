/**
 * `#load-engine` under the `browser` condition (package.json `imports`): a bundle pays for laziness in bytes, not in
 * load time, so the request engine is imported statically and tree-shaken with the app.
 */
import { HTTPError, ky, mapFailure, send, createTransport } from './engine';

// A plain object rather than the module namespace, which a bundler would rebuild with a getter per export.
const engine = { HTTPError, ky, mapFailure, send, createTransport };

/** The request engine, bundled with the app. */
export const loadEngine = async () => engine;
