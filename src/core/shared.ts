/**
 * What the package's ESM and CommonJS builds share, which Node loads side by side when one module imports `ricloud` and
 * another requires it: `Symbol.for(SHARED + name)` is the same symbol in both builds of one version.
 */
import { version } from '../../package.json';

/** The prefix of this version's process-wide symbols. */
export const SHARED = `ricloud@${version}/`;
