/**
 * Answers nested far deeper than any the API sends (a hostile or broken server), over a real socket: a value the SDK
 * returns is built and printed without recursion, so such an answer is returned, never a RangeError from the stack.
 */
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Session, WebhookConfig } from '../../src/index';
import { CONFIG_ANSWER } from '../support/core-harness';
import { useAnswerServer } from './support';

// 100 000 levels of lists: about 200 KB, far inside the size cap, and far past what a recursive walk survives.
const LEVELS = 100_000;
const DEEP = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;

const SESSION_ANSWER = {
  id: 'ses_1',
  resource: 'session',
  organisation: 'org_1',
  key: 'key_1',
  user: 'usr_1',
  source: 'src_1',
  state: 'active',
  error: null,
  date_created: '2024-05-01T10:00:00Z',
  date_expired: null,
};

/** `answer` as JSON text with a `nested` attribute LEVELS deep, and `extra` beside it. */
const deeply = (answer: object, extra = '') => `${JSON.stringify(answer).slice(0, -1)},${extra}"nested":${DEEP}}`;

const { answer, client } = useAnswerServer();

/** The depth of the list nesting in `value`, counted with a loop. */
function depthOf(value: unknown): number {
  let depth = 0;
  for (let at = value; Array.isArray(at); at = at[0]) depth++;
  return depth;
}

describe('an answer nested 100 000 levels deep', () => {
  it('a session is returned, with the nested attribute whole and an echoed password still dropped', async () => {
    answer(deeply(SESSION_ANSWER, '"extra":{"payload":{"password":"hunter2-echoed"}},'));
    const session = await client().sessions.retrieve('ses_1');
    expect(session).toBeInstanceOf(Session);
    expect(session.state).toBe('active');
    expect(depthOf((session as unknown as { nested: unknown }).nested)).toBe(LEVELS);
    expect((session as unknown as { extra: { payload: object } }).extra.payload).toEqual({});
  });

  it('a page of sessions is returned', async () => {
    answer(`{"data":[${deeply(SESSION_ANSWER)}],"has_more":false}`);
    const page = await client().sessions.list();
    expect(page.data.map((session) => session.id)).toEqual(['ses_1']);
  });

  it('a resource holding it prints, to any depth, with its secrets still hidden', async () => {
    answer(deeply({ ...CONFIG_ANSWER, secret: 'whsec_kept_out' }, '"extra":{"token":"tok_kept_out"},'));
    const config = await client().webhookConfigs.retrieve('wc_1');
    expect(config).toBeInstanceOf(WebhookConfig);
    const printed = [
      inspect(config),
      inspect(config, { depth: Infinity }),
      inspect(config, { depth: Infinity, showHidden: true }),
      format('%o', config),
    ];
    for (const text of printed) {
      expect(text).toContain("id: 'wc_1'");
      expect(text).not.toContain('whsec_kept_out');
      expect(text).not.toContain('tok_kept_out');
    }
    expect(printed[0]).toContain("secret: '[redacted]'");
  });
});
