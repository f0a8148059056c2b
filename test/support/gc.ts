/** A full garbage collection on demand, for tests of what a dropped object leaves behind. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** Collects every object no longer reachable (a new context sees the `gc` the flag exposes). */
export const gc = runInNewContext('gc') as () => void;
