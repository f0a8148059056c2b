/** Vercel's edge-runtime: the scenario in a service-worker style `fetch` listener. */
import { handle } from './fetch-handler.mjs';

addEventListener('fetch', (event) => event.respondWith(handle(event.request, event)));
