/** What the SDK loads to validate responses: the resource schemas, and zod's function that checks a value against one. */
export * from '../schemas';
export { safeParse } from 'zod/v4/core';
