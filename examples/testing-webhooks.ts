/**
 * Testing a webhook receiver without the API: signed requests built by `createSignedRequest`, fed to a handler and to
 * `verifyRequest`. Also shows secret rotation and replay protection. A vitest or jest file looks the same.
 * Run: npx tsx examples/testing-webhooks.ts
 */
import {
  createSignedRequest,
  createWebhookHandler,
  type GenericWebhookEvent,
  isEvent,
  MemoryReplayStore,
  verifyRequest,
} from 'ricloud/webhooks';

const event = {
  id: 'evt_1',
  resource: 'event',
  type: 'task',
  action: 'succeeded',
  data: {
    id: 'task_1',
    resource: 'task',
    type: 'webhook_config.test',
    state: 'succeeded',
    date_created: '2024-05-01T10:00:00Z',
  },
  state: 'pending',
  date_created: '2024-05-01T10:00:01Z',
};

const handler = createWebhookHandler({
  secret: ['whsec_new', 'whsec_old'], // during a rotation: any one of them verifies
  on: { 'task.succeeded': (event) => console.log(`task ${event.data.id} is ${event.data.state}`) },
  replay: new MemoryReplayStore(), // handles each event id once
});

// 200, after "task task_1 is succeeded"
console.log((await handler(await createSignedRequest(event, 'whsec_old'))).status);
// 200: evt_1 was already handled, not again
console.log((await handler(await createSignedRequest(event, 'whsec_new'))).status);
// 400: wrong secret
console.log((await handler(await createSignedRequest({ ...event, id: 'evt_2' }, 'whsec_retired'))).status);
const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
console.log(
  (await handler(await createSignedRequest({ ...event, id: 'evt_3' }, 'whsec_new', { timestamp: anHourAgo }))).status,
); // 400: stale

// Your own routing: verifyRequest reads the raw body of a Request; a check of `type` narrows `data`, as does isEvent.
const verified = await verifyRequest(await createSignedRequest(event, 'whsec_new'), 'whsec_new');
switch (verified.type) {
  case 'task':
    console.log(verified.data.state); // "succeeded", typed as TaskAttributes
    break;
  default: {
    const other: GenericWebhookEvent = verified; // also a type this version of the SDK does not know yet
    console.log(`not a task: ${other.type}.${other.action}`);
  }
}
// The slug checks type and action at once.
if (isEvent(verified, 'task.succeeded')) console.log(verified.data.id); // "task_1"
