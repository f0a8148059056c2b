/**
 * The mock's accounts, as sessions meet them: the credentials of each way a session fails, with its error slug and the
 * state it leaves the source in, and the ways it becomes active. Both the mock's tests and the SDK's use them.
 */

/** [case, source type, identifier, payload, error slug, source state] of each way a session fails. */
export const SESSION_FAILURES = [
  [
    'a wrong password',
    'icloud.account',
    'john@icloud.com',
    { password: 'wrong' },
    'invalid-credentials',
    'unvalidated',
  ],
  ['a locked account', 'icloud.account', 'locked.john@icloud.com', { password: 'right' }, 'source-locked', 'locked'],
  [
    'a 2FA account without its code',
    'icloud.account',
    '2fa.john@icloud.com',
    { password: 'right' },
    'code-required',
    'unvalidated',
  ],
  [
    'a wrong 2FA code',
    'icloud.account',
    '2fa.john@icloud.com',
    { password: 'r', code: 'invalid' },
    'code-required',
    'unvalidated',
  ],
  ['a wrong Relay pairing code', 'rirelay.instance', 'relay-1', { code: 'invalid' }, 'code-invalid', 'unvalidated'],
] as const;

/** [case, source type, identifier, payload] of sessions that become active. */
export const SESSION_SUCCESSES = [
  ['a 2FA account with its code', 'icloud.account', '2fa.john@icloud.com', { password: 'right', code: '123456' }],
  ['a Relay instance with its pairing code', 'rirelay.instance', 'relay-1', { code: 'ABCD-1234' }],
] as const;
