/**
 * The poll state machine: `pending`, then `processing` with one task per requested info type, data type and file,
 * then `completed` once every task has left `pending` and `processing`. A task runs `pending → processing → succeeded |
 * failed | suspended`, and publishes one result when it succeeds. Each step is an event: `poll.created`,
 * `task.created`, `task.succeeded`, `task.failed`, `poll.completed`.
 */
import { FAILING_TARGET, RELAY_DEVICES, SUSPENDED_TARGET } from './choices';
import { sleep } from '../core/signal';
import type { HandlerContext } from './endpoint';
import { firstPage } from './lists';
import { publishResult, showTask } from './results';
import type { PollPayload, StoredPoll, StoredSession, StoredSource } from './data-shapes';
import type { StoredKey } from './shapes';
import { newId, type StoredTask } from './store';

/** The task types of a poll, by the payload list that asks for them. */
const TASK_TYPES = { info_types: 'info', data_types: 'data', files: 'file' } as const;

/** The poll as the API shows it: its tasks' ids by state, and the first page of its results. */
export function showPoll(context: HandlerContext, poll: StoredPoll): unknown {
  const { store } = context;
  const { tasks, ...shown } = poll;
  const ids = (state: string) => tasks.filter((id) => store.tasks.get(id)?.state === state);
  const results = store.order.newestFirst([...store.results.values()].filter((result) => result.poll === poll.id));
  return {
    ...shown,
    tasks_pending: ids('pending'),
    tasks_processing: ids('processing'),
    tasks_suspended: ids('suspended'),
    tasks_succeeded: ids('succeeded'),
    tasks_failed: ids('failed'),
    results: firstPage(results, `/results?poll=${poll.id}`),
  };
}

/**
 * Starts a `pending` poll of `source` in `session` for `key`, of `subscription` when one was named; `requestor` is
 * `subscription` when the subscription made it, `key` when the client did.
 */
export function startPoll(
  context: HandlerContext,
  key: StoredKey,
  session: StoredSession,
  source: StoredSource,
  payload: PollPayload,
  subscription: string | null,
  requestor: StoredPoll['requestor'],
): StoredPoll {
  const { store, runner, flow } = context;
  const poll = store.record('poll', store.polls, {
    id: newId(),
    resource: 'poll',
    organisation: key.organisation,
    key: key.id,
    user: session.user,
    source: source.id,
    session: session.id,
    subscription,
    requestor,
    payload,
    tasks: [],
    state: 'pending',
    date_created: store.now(),
    date_completed: null,
  } satisfies StoredPoll);
  runner.announce(key, 'poll', 'created', showPoll(context, poll));
  runner.track(async (signal) => {
    await sleep(flow.taskDelay, signal);
    poll.state = 'processing';
    if (source.type === 'rirelay.instance') findDevices(context, source);
    const tasks = (Object.keys(TASK_TYPES) as (keyof PollPayload)[]).flatMap((list) =>
      payload[list].map((target) => newTask(context, key, poll, source, TASK_TYPES[list], target, signal)),
    );
    runner.notify(poll.id);
    await Promise.all(tasks.map((task) => runTask(context, key, poll, task, signal)));
    poll.state = 'completed';
    poll.date_completed = store.now();
    runner.notify(poll.id);
    runner.announce(key, 'poll', 'completed', showPoll(context, poll), signal);
  });
  return poll;
}

function newTask(
  context: HandlerContext,
  key: StoredKey,
  poll: StoredPoll,
  source: StoredSource,
  type: string,
  target: string,
  signal: AbortSignal,
): StoredTask {
  const { store } = context;
  const task = store.record('task', store.tasks, {
    id: newId(),
    resource: 'task',
    organisation: key.organisation,
    key: key.id,
    user: poll.user,
    source: source.id,
    session: poll.session,
    poll: poll.id,
    source_type: source.type,
    type,
    target,
    state: 'pending',
    results: { resource: 'list', data: [], has_more: false, total_count: 0, url: '' },
    error: null,
    date_created: store.now(),
    date_started: null,
    date_completed: null,
  } as StoredTask);
  poll.tasks.push(task.id);
  context.runner.announce(key, 'task', 'created', showTask(context, task), signal);
  return task;
}

/**
 * Runs one task: a target ending in `FAILING_TARGET.suffix` fails, one ending in `SUSPENDED_TARGET.suffix` is left
 * `suspended` (no event: the API documents none), any other publishes its result.
 */
async function runTask(
  context: HandlerContext,
  key: StoredKey,
  poll: StoredPoll,
  task: StoredTask,
  signal: AbortSignal,
): Promise<void> {
  const { store, runner, flow } = context;
  await sleep(flow.taskDelay, signal);
  task.state = 'processing';
  task.date_started = store.now();
  runner.notify(poll.id);
  await sleep(flow.taskDelay, signal);
  if (task.target.endsWith(SUSPENDED_TARGET.suffix)) {
    task.state = 'suspended';
    runner.notify(task.id);
    runner.notify(poll.id);
    return;
  }
  const fails = task.target.endsWith(FAILING_TARGET.suffix);
  if (!fails) await publishResult(context, key, poll, task, signal);
  task.state = fails ? 'failed' : 'succeeded';
  task.error = fails ? FAILING_TARGET.error : null;
  task.date_completed = store.now();
  runner.notify(task.id);
  runner.notify(poll.id);
  runner.announce(key, 'task', task.state, showTask(context, task), signal);
}

/** Makes the Relay instance's device sources, the first time it is polled. */
function findDevices(context: HandlerContext, instance: StoredSource): void {
  const { store } = context;
  // With the store full, the devices are not found this time (a poll must not fail for it).
  if (
    store.isFull(store.sources, RELAY_DEVICES.length) ||
    [...store.sources.values()].some((s) => s.parent === instance.id)
  )
    return;
  for (const device of RELAY_DEVICES) {
    const child = store.add('source', store.sources, {
      ...instance,
      id: newId(),
      type: 'rirelay.source',
      identifier: `${instance.identifier}.${device}`,
      parent: instance.id,
      state: 'active',
      date_created: store.now(),
    });
    store.validated.add(child.id);
  }
}
