/** What a client loads with its first request: the request pipeline, with ky and zod. */
export { send } from './request';
export { createTransport } from './transport';
