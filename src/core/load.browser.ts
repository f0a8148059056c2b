/**
 * `load.ts` as the browser build has it: ky and the schemas imported statically, so an app's bundler inlines them
 * as plain modules (lazy imports would make it wrap each of their modules in an init function).
 */
import ky from 'ky';
import {
  eventPageSchema,
  eventSchema,
  listSchema,
  taskPageSchema,
  taskSchema,
  webhookConfigPageSchema,
  webhookConfigSchema,
} from '../schemas';
import type * as lazy from './load';

/** ky, already loaded. */
export const loadKy: typeof lazy.loadKy = () => ky;

// A plain object rather than `import * as`: a bundler would build the namespace object with a getter per export.
const schemas = {
  eventPageSchema,
  eventSchema,
  listSchema,
  taskPageSchema,
  taskSchema,
  webhookConfigPageSchema,
  webhookConfigSchema,
};

/** The schemas module's exports, already loaded. */
export const loadSchemas: typeof lazy.loadSchemas = () => schemas;
