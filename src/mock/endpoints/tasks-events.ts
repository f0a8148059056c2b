/** `/tasks` and `/events`: retrieve (a task with `Ricloud-Await`) and list. */
import { EVENT_STATES, TASK_STATES } from '../../core/wire';
import { awaitSeconds, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { listEndpoint } from '../lists';
import { json } from '../respond';
import { showTask } from '../results';

async function retrieveTask(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const task = owned(context.store.tasks, call.id, call.organisation, 'Task');
  await context.runner.waitFor(task.id, awaitFor * 1000);
  return json(200, showTask(context, task));
}

const listTasks = listEndpoint({
  path: '/tasks',
  from: 'tasks',
  // A data task's poll, session, source and user too.
  filters: ['type', 'key', 'target', 'poll', 'session', 'source', 'source_type', 'user'],
  states: TASK_STATES,
  show: (task, context) => showTask(context, task),
});

function retrieveEvent(call: Call, context: HandlerContext): Response {
  return json(200, owned(context.store.events, call.id, call.organisation, 'Event'));
}

const listEvents = listEndpoint({ path: '/events', from: 'events', filters: ['type', 'action'], states: EVENT_STATES });

/** The task and event endpoints. */
export const TASK_AND_EVENT_ROUTES: Route[] = [
  { path: '/tasks', methods: { GET: listTasks } },
  { path: '/tasks/:id', methods: { GET: retrieveTask } },
  { path: '/events', methods: { GET: listEvents } },
  { path: '/events/:id', methods: { GET: retrieveEvent } },
];
