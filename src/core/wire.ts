/** Wire names shared by the client and the mock. Imports nothing. */

/** The API's public address. */
export const DEFAULT_BASE_URL = 'https://ricloud-api.reincubate.com';

/** The response header that carries the server's request id. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The long-poll request header: seconds the server may hold the answer. */
export const AWAIT_HEADER = 'ricloud-await';
/** The API's long-poll ceiling, in seconds (newer docs). */
export const MAX_AWAIT_SECONDS = 10;
