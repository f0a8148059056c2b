/**
 * The mock's own shapes of the data flow (users, sources, sessions, polls, subscriptions, results), as stored, and
 * how a subscription is shown.
 */

/** A user: the organisation's own name for one of its end users (`identifier`). */
export interface StoredUser {
  /** Identifier, as `retrieve` and `update` take it. */
  id: string;
  /** Always `user`. */
  resource: 'user';
  /** The organisation the user belongs to (its id). */
  organisation: string;
  /** The key that created the user (its id). */
  key: string;
  /** The organisation's own value for this user, e.g. an email address. */
  identifier: string;
  /** `active` or `deactivated` (the API also has `blocked`). */
  state: 'active' | 'deactivated';
  /** When the user was created (ISO 8601). */
  date_created: string;
}

/** The source types a client may name; `rirelay.source` children are made by polls. */
export type SourceType = 'icloud.account' | 'rirelay.instance' | 'rirelay.source' | 'mocks.mock';

/** A source: an account or Relay instance of a user; `children` are derived when it is shown. */
export interface StoredSource {
  /** Identifier, as `retrieve` and `update` take it. */
  id: string;
  /** Always `source`. */
  resource: 'source';
  /** The organisation the source belongs to (its id). */
  organisation: string;
  /** The user the source belongs to (its id). */
  user: string;
  /** `icloud.account`, `rirelay.instance`, or `rirelay.source` for a device of a Relay instance. */
  type: SourceType;
  /** The source's name in its service, e.g. an Apple ID; unique within the service. */
  identifier: string;
  /** The source this one was found under (its id), for a child source; null for a top-level one. */
  parent: string | null;
  /** `unvalidated` until a session on it is active; `active`, `deactivated` or `locked`. */
  state: 'unvalidated' | 'active' | 'deactivated' | 'locked';
  /** When the source was created (ISO 8601). */
  date_created: string;
}

/** A session on a source. Its credentials are never stored: the outcome they decide is held by its job only. */
export interface StoredSession {
  /** Identifier, as `retrieve` and `delete` take it. */
  id: string;
  /** Always `session`. */
  resource: 'session';
  /** The organisation the session belongs to (its id). */
  organisation: string;
  /** The key that opened the session (its id). */
  key: string;
  /** The user whose source it is (its id). */
  user: string;
  /** The source the session is on (its id; answers nest it in full). */
  source: string;
  /** `pending` at first, then `active` or `failed` (see `error`); `expired` once it ended. */
  state: 'pending' | 'active' | 'failed' | 'expired';
  /** Why the session failed, as a slug, e.g. `invalid-credentials` or `code-required`. */
  error: string | null;
  /** When the session was created (ISO 8601). */
  date_created: string;
  /** When the session expired (ISO 8601). */
  date_expired: string | null;
}

/** What a poll asks for. */
export interface PollPayload {
  /** Info types, e.g. `*`. */
  info_types: string[];
  /** Data types, e.g. `ios_messages.messages`. */
  data_types: string[];
  /** Files, by their ids. */
  files: string[];
}

/** A poll; its `tasks_*` lists and `results` are derived from its tasks when it is shown. */
export interface StoredPoll {
  /** Identifier, as `retrieve` takes it. */
  id: string;
  /** Always `poll`. */
  resource: 'poll';
  /** The organisation the poll belongs to (its id). */
  organisation: string;
  /** The key that made the poll (its id). */
  key: string;
  /** The user whose source is polled (its id). */
  user: string;
  /** The source polled (its id): the session's, or one of its children. */
  source: string;
  /** The session used (its id). */
  session: string;
  /** The subscription that made the poll (its id), if any. */
  subscription: string | null;
  /** Who made the poll: `key` or `subscription`. */
  requestor: 'key' | 'subscription';
  /** What the poll asked for. */
  payload: PollPayload;
  /** Ids of its tasks, oldest first: its `tasks_*` lists are derived from them when it is shown (this list is not). */
  tasks: string[];
  /** `pending`, `processing`, then `completed` once every task has ended. */
  state: 'pending' | 'processing' | 'completed';
  /** When the poll was created (ISO 8601). */
  date_created: string;
  /** When the poll completed (ISO 8601). */
  date_completed: string | null;
}

/** A subscription: polls of a session made every `interval` seconds from `date_start` until `date_end`. */
export interface StoredSubscription {
  /** Identifier, as `retrieve` and `delete` take it. */
  id: string;
  /** Always `subscription`. */
  resource: 'subscription';
  /** The organisation the subscription belongs to (its id); answers show it as `org` too. */
  organisation: string;
  /** The key that made the subscription (its id). */
  key: string;
  /** The session its polls use (its id). */
  session: string;
  /** The source its polls ask (its id). */
  source: string;
  /** What each of its polls asks for. */
  poll_payload: PollPayload;
  /** Seconds between its polls. */
  interval: number;
  /** When its first poll is due (ISO 8601). */
  date_start: string;
  /** When it stops polling (ISO 8601); null for never. */
  date_end: string | null;
  /** `pending` until its first poll, then `active`; `deleted` once deleted. */
  state: 'pending' | 'active' | 'deleted';
  /** When the subscription was created (ISO 8601). */
  date_created: string;
}

/** A result a task published; `signed_url` points at the mock's own `/files/{id}`. */
export interface StoredResult {
  /** Identifier, as `retrieve` and `acknowledge` take it. */
  id: string;
  /** Always `result`. */
  resource: 'result';
  /** The organisation the result belongs to (its id). */
  organisation: string;
  /** The poll that produced it (its id). */
  poll: string;
  /** The task that published it (its id). */
  task: string;
  /** What the content is: the data type, info type or file it holds. */
  identifier: string;
  /** Where the file is stored, e.g. `gs://bucket/path`. */
  url: string;
  /** The file's type: `json` for JSON data. */
  type: string;
  /** The MD5 of the file, as hex. */
  checksum: string;
  /** The file's length in bytes. */
  size: number;
  /** Where to download the file, and until when; `null` once the result expired. */
  signed_url: {
    /** Where to download the file: the mock's own `/files/{id}`, its token in the query. */
    url: string;
    /** When the URL stops working (ISO 8601). */
    date_expires: string;
  } | null;
  /** `available` until acknowledged, then `consumed`; `expired` once its file is gone. */
  state: 'available' | 'consumed' | 'expired';
  /** When the result was published (ISO 8601). */
  date_created: string;
  /** When it was acknowledged (ISO 8601). */
  date_consumed: string | null;
  /** When its file was deleted (ISO 8601). */
  date_deleted: string | null;
}

/** A subscription as the API shows it: its organisation also as `org`, the name the docs give it. */
export const showSubscription = (subscription: StoredSubscription): unknown => ({
  ...subscription,
  org: subscription.organisation,
});
