/** What a client loads with its first request: the request pipeline and result downloads, with ky and zod. */
export { send } from './request';
export { createTransport } from './transport';
export { openDownload } from './download';
