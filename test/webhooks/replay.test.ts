import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index';
import { MemoryReplayStore } from '../../src/webhooks/index';

describe('MemoryReplayStore', () => {
  it('remembers the ids it was given', () => {
    const store = new MemoryReplayStore();
    store.add('evt_1');
    expect(store.has('evt_1')).toBe(true);
    expect(store.has('evt_2')).toBe(false);
  });

  it('keeps at most `capacity` ids, forgetting the oldest first', () => {
    const store = new MemoryReplayStore({ capacity: 3 });
    for (const id of ['a', 'b', 'c', 'd']) store.add(id);
    expect(['a', 'b', 'c', 'd'].map((id) => store.has(id))).toEqual([false, true, true, true]);
  });

  it('keeps the latest 10 000 ids by default', () => {
    const store = new MemoryReplayStore();
    for (let i = 0; i <= 10_000; i++) store.add(`evt_${i}`);
    expect([0, 1, 10_000].map((i) => store.has(`evt_${i}`))).toEqual([false, true, true]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses capacity %s', (capacity) => {
    expect(() => new MemoryReplayStore({ capacity })).toThrow(InvalidInputError);
  });
});
