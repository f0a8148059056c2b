/**
 * `load.ts` as the browser build has it: ky and the schemas imported statically, so an app's bundler inlines them
 * as plain modules (lazy imports would make it wrap each of their modules in an init function).
 */
import ky from 'ky';
import * as schemas from '../schemas';
import type * as lazy from './load';

/** ky, already loaded. */
export const loadKy: typeof lazy.loadKy = () => ky;

/** The schemas module, already loaded. */
export const loadSchemas: typeof lazy.loadSchemas = () => schemas;
