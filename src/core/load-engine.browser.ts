/**
 * `#load-engine` under the `browser` condition (package.json `imports`): a bundle pays for laziness in bytes, not in
 * load time, so the request engine is imported statically and tree-shaken with the app.
 */
import * as engine from './engine';

/** The request engine, bundled with the app. */
export const loadEngine = async () => engine;
