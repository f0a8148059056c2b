/**
 * The mock server of one data-flow test file: started before its tests, settled and reset after each (the deliveries
 * it recorded forgotten), closed after all of them.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type MockServer, type MockServerOptions, startMockServer } from '../../src/mock/index';
import { type Flow, recorder } from '../mock/flow-support';

/**
 * Starts a mock server for the file's tests (`taskDelay: 1` and deliveries recorded, unless `options` say otherwise)
 * and returns its recorder, the flow of `token` against it, and the server itself once started.
 */
export function flowServer(token: string, options: MockServerOptions = {}) {
  const rec = recorder();
  let started: MockServer | undefined;
  const mock = (): MockServer => {
    if (!started) throw new Error('the mock server starts in beforeAll');
    return started;
  };
  const flow: Flow = { base: '', token, settle: () => mock().api.settle() };
  beforeAll(async () => {
    started = await startMockServer({ taskDelay: 1, deliver: rec.deliver, ...options });
    flow.base = started.url;
  });
  afterEach(async () => {
    await mock().api.settle();
    mock().api.reset();
    rec.deliveries.length = 0;
  });
  afterAll(() => mock().close());
  return { rec, flow, mock };
}
