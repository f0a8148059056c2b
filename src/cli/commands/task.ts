/** `ricloud task`: retrieve, list and wait for tasks. */
import { Option, type Command } from 'commander';
import { action } from '../context';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { seconds } from '../parse';
import { DEFAULT_WAIT_SECONDS, throwUnlessSucceeded, waitForTaskId } from '../progress';
import { TASK_STATES } from '../sdk';

const COLUMNS = ['id', 'type', 'state', 'error', 'date_created'];

/** Adds `task` and its commands to `program`. */
export function addTaskCommands(program: Command): void {
  const group = program
    .command('task')
    .description("follow tasks: the API's asynchronous work, such as a webhook config test");

  group
    .command('retrieve')
    .description('show one task')
    .argument('<id>', 'the task id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.tasks.retrieve(id, { signal: ctx.signal }));
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list tasks, newest first')
      .addOption(new Option('--state <state>', 'only tasks in this state').choices(TASK_STATES))
      .option('--type <type>', 'only tasks of this type, e.g. webhook_config.test'),
  ).action(
    action(async (ctx, options: ListOptions & { state?: string; type?: string }) => {
      const client = await ctx.client();
      const list = client.tasks.list(
        { ...listParams(options), state: options.state, type: options.type },
        { signal: ctx.signal },
      );
      await printList(ctx, list, options, COLUMNS, 'tasks');
    }),
  );

  group
    .command('wait')
    .description(
      'wait until a task has succeeded (exit 0), failed or suspended (exit 3), and show it; ' +
        'on --timeout, as last known (exit 4)',
    )
    .argument('<id>', 'the task id')
    .addOption(
      new Option('--timeout <seconds>', 'how long to wait, each request included; exit 4 when it passes first')
        .argParser(seconds)
        .default(DEFAULT_WAIT_SECONDS),
    )
    .action(
      action(async (ctx, id: string, options: { timeout: number }) => {
        throwUnlessSucceeded(await waitForTaskId(ctx, await ctx.client(), id, options.timeout));
      }),
    );
}
