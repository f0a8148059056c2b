/**
 * What the mock holds: organisations, keys, configs, permissions, users, sources, sessions, polls, subscriptions,
 * results, tasks and events (at most `MAX_STORED` of each), and how many were created.
 */
import type { EventAttributes, TaskAttributes, WebhookConfigAttributes } from '../schemas';
import { LIMIT_EXCEEDED, MAX_STORED, RESET_PATH } from './choices';
import type { Content } from './content';
import { ListOrder } from './list-order';
import { RelayPairings } from './pairings';
import { ApiError } from './respond';
import type {
  StoredPoll,
  StoredResult,
  StoredSession,
  StoredSource,
  StoredSubscription,
  StoredUser,
} from './data-shapes';
import type { StoredKey, StoredOrganisation, StoredPermissions, StoredStorageConfig } from './shapes';

/** The resource kinds whose creations the mock counts. */
export type Kind =
  | 'webhook_config'
  | 'storage_config'
  | 'permissions'
  | 'task'
  | 'event'
  | 'user'
  | 'source'
  | 'session'
  | 'poll'
  | 'subscription'
  | 'result';

/** A task as stored: a data task also names its poll, session, source and user. */
export type StoredTask = TaskAttributes & {
  /** The task's main argument: a poll task's data type, info type or file; a config test's config (its id). */
  target: string;
  /** The user the task is for (its id), if any. */
  user?: string;
  /** The source the task targets (its id), if any. */
  source?: string;
  /** The session the task used (its id), if any. */
  session?: string;
  /** The poll the task is part of (its id), if any. */
  poll?: string;
  /** A copy of the source's `type`, for filtering. */
  source_type?: string;
};

/** A result's file: its content, and the token its signed URL carries. */
export interface StoredFile {
  /** What the file holds: its size, its MD5 and its bytes, made as they are read. */
  content: Content;
  /** The token its `signed_url` carries, which serving the file checks (a wrong one is a 404). */
  token: string;
  /** When its `signed_url` stops working (ms since the epoch): its `date_expires`. */
  expires: number;
}

/** A stored webhook config: the API object, secret included. */
export type StoredConfig = WebhookConfigAttributes & {
  /** The secret the mock signs this config's events with: 43 base64url characters. */
  secret: string;
};

const KINDS: Kind[] = [
  'webhook_config',
  'storage_config',
  'permissions',
  'task',
  'event',
  'user',
  'source',
  'session',
  'poll',
  'subscription',
  'result',
];

/** The mock's state. Objects are the API's own shapes, kept as plain data. */
export class MockStore {
  readonly organisations = new Map<string, StoredOrganisation>();
  readonly keys = new Map<string, StoredKey>();
  readonly configs = new Map<string, StoredConfig>();
  readonly storageConfigs = new Map<string, StoredStorageConfig>();
  readonly permissions = new Map<string, StoredPermissions>();
  readonly users = new Map<string, StoredUser>();
  readonly sources = new Map<string, StoredSource>();
  readonly sessions = new Map<string, StoredSession>();
  readonly polls = new Map<string, StoredPoll>();
  readonly subscriptions = new Map<string, StoredSubscription>();
  readonly results = new Map<string, StoredResult>();
  readonly files = new Map<string, StoredFile>();
  readonly tasks = new Map<string, StoredTask>();
  readonly events = new Map<string, EventAttributes>();
  /** How many of each kind were really created: the proof that a retry did not duplicate a create. */
  readonly created = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  /** Sources a session validated, and the device sources polls found: only these may be made `active` again. */
  readonly validated = new Set<string>();
  /** The latest test task of each config: an older test that ends late must not decide the state. */
  readonly latestTest = new Map<string, string>();
  /** The Relay instance each pairing code paired. */
  readonly pairings = new RelayPairings();
  /** The order of lists, and where removed items stood (a list cursor naming one goes on). */
  readonly order = new ListOrder();

  /** Called with the id of each resource the store forgets, so that what hangs on it (an expiry timer) goes too. */
  onDrop: (id: string) => void = () => undefined;

  /**
   * Stores a new resource a client made, and counts it (keys and organisations, made for tokens too, are not counted).
   * @throws ApiError `limit-exceeded` when `map` holds `MAX_STORED` already.
   */
  add<T extends { id: string }>(kind: Kind | undefined, map: Map<string, T>, item: T): T {
    this.checkRoom(map);
    return this.#put(kind, map, item);
  }

  /**
   * Stores and counts a new item of the mock's history (an event, task, poll or result), forgetting the oldest past
   * `MAX_STORED`.
   */
  record<T extends { id: string }>(kind: Kind, map: Map<string, T>, item: T): T {
    if (this.isFull(map)) this.remove(map, map.keys().next().value as string);
    return this.#put(kind, map, item);
  }

  /**
   * Refuses an item `map` has no room for, before a request makes anything.
   * @throws ApiError `limit-exceeded` when `map` holds `MAX_STORED` already.
   */
  checkRoom(map: Map<string, unknown>): void {
    if (this.isFull(map))
      throw new ApiError(
        LIMIT_EXCEEDED.status,
        LIMIT_EXCEEDED.code,
        `The mock holds ${MAX_STORED} of these at most: delete some, or reset the mock ` +
          `(\`api.reset()\`, or \`POST ${RESET_PATH}\` to \`ricloud mock\`).`,
      );
  }

  /**
   * Makes room in a full `map` by forgetting its oldest item that has `ended` (an expired or failed session, a deleted
   * subscription), so a long-running mock keeps taking new ones; when none has ended, `checkRoom` still refuses.
   */
  forgetEnded<T extends { id: string }>(map: Map<string, T>, ended: (item: T) => boolean): void {
    if (!this.isFull(map)) return;
    const oldest = [...map.values()].find(ended);
    if (oldest) this.remove(map, oldest.id);
  }

  /** Whether `map` has no room for `adding` more items. */
  isFull(map: Map<string, unknown>, adding = 1): boolean {
    return map.size + adding > MAX_STORED;
  }

  /** Forgets the resource `id` of `map`, and what the store keeps about it. */
  remove(map: Map<string, unknown>, id: string): void {
    this.order.remove(map, id);
    map.delete(id);
    this.latestTest.delete(id);
    this.validated.delete(id);
    this.files.delete(id);
    this.onDrop(id);
  }

  #put<T extends { id: string }>(kind: Kind | undefined, map: Map<string, T>, item: T): T {
    map.set(item.id, item);
    this.order.add(item.id);
    if (kind) this.created[kind]++;
    return item;
  }

  /** The items of `map` that belong to `organisation`, newest first. */
  mine<T extends { id: string; organisation?: unknown; date_created: string }>(
    map: Map<string, T>,
    organisation: string,
  ): T[] {
    return this.order.newestFirst([...map.values()].filter((item) => item.organisation === organisation));
  }

  // Timestamps issued per millisecond of the clock, for the digits below it.
  readonly #stamps = new Map<number, number>();

  /**
   * The current time as the API writes it: ISO 8601 in UTC with microseconds (`2018-11-22T12:59:57.168354Z`), finer
   * than `Date` holds, so a client that drops them (a `Date` round trip) shows up in filters. The digits below the
   * millisecond count the timestamps made in it, from 001, so what is made later sorts later even when a test's fake
   * clock stands still or comes back to a millisecond (up to 999 in one millisecond; later ones tie at 999).
   */
  now(): string {
    const ms = Date.now();
    const count = Math.min((this.#stamps.get(ms) ?? 0) + 1, 999);
    this.#stamps.set(ms, count);
    // A long-running mock keeps the last thousand milliseconds it stamped, not all of them.
    if (this.#stamps.size > 1000) this.#stamps.delete(this.#stamps.keys().next().value as number);
    return `${new Date(ms).toISOString().slice(0, 23)}${String(count).padStart(3, '0')}Z`;
  }

  /** Forgets everything. */
  clear(): void {
    this.#stamps.clear();
    for (const map of [this.organisations, this.keys, this.configs, this.storageConfigs, this.permissions]) map.clear();
    for (const map of [this.users, this.sources, this.sessions, this.polls, this.subscriptions]) map.clear();
    for (const map of [this.results, this.files, this.tasks, this.events]) map.clear();
    this.latestTest.clear();
    this.validated.clear();
    this.pairings.clear();
    this.order.clear();
    for (const kind of KINDS) this.created[kind] = 0;
  }
}

/** A new opaque id (a UUID, as event ids are in ricloud-py's receiver). */
export const newId = (): string => crypto.randomUUID();

/** A webhook secret: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A config as the API shows it outside `create`/`retrieve`/`update`: without its secret. */
export function withoutSecret(config: StoredConfig): WebhookConfigAttributes {
  const { secret: _secret, ...rest } = config;
  return rest;
}
