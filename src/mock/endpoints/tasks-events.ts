/** `/tasks` and `/events`: retrieve (a task with `Ricloud-Await`) and list. */
import { EVENT_STATES, TASK_STATES } from '../../core/wire';
import { awaitSeconds, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { listObject } from '../lists';
import { json } from '../respond';
import { showTask } from '../results';

/** The task list's filters: a data task's poll, session, source and user too. */
const TASK_FILTERS = {
  filters: ['state', 'type', 'key', 'target', 'poll', 'session', 'source', 'source_type', 'user'],
  choices: { state: TASK_STATES },
};

async function retrieveTask(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const task = owned(context.store.tasks, call.id, call.organisation, 'Task');
  await context.runner.waitFor(task.id, awaitFor * 1000);
  return json(200, showTask(context, task));
}

function listTasks(call: Call, context: HandlerContext): Response {
  const mine = context.store.mine(context.store.tasks, call.organisation);
  return json(
    200,
    listObject(mine, call.url.searchParams, TASK_FILTERS, '/tasks', (t) => showTask(context, t)),
  );
}

function retrieveEvent(call: Call, context: HandlerContext): Response {
  return json(200, owned(context.store.events, call.id, call.organisation, 'Event'));
}

function listEvents(call: Call, context: HandlerContext): Response {
  const mine = context.store.mine(context.store.events, call.organisation);
  const spec = { filters: ['type', 'action', 'state'], choices: { state: EVENT_STATES } };
  return json(
    200,
    listObject(mine, call.url.searchParams, spec, '/events', (e) => e),
  );
}

/** The task and event endpoints. */
export const TASK_AND_EVENT_ROUTES: Route[] = [
  { path: '/tasks', methods: { GET: listTasks } },
  { path: '/tasks/:id', methods: { GET: retrieveTask } },
  { path: '/events', methods: { GET: listEvents } },
  { path: '/events/:id', methods: { GET: retrieveEvent } },
];
