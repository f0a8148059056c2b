/** What a client loads with its first request: the request pipeline, with ky and zod, and what downloads take of it. */
export { default as ky, HTTPError } from 'ky';
export { mapFailure } from './failure';
export { send } from './request';
export { createTransport } from './transport';
