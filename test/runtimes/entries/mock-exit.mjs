/** `ricloud/mock` started and closed in process: the runtime must then exit by itself. */
import { mockExits } from './server-side.mjs';

console.log(`RESULT ${JSON.stringify({ passed: [await mockExits()], failed: [] })}`);
