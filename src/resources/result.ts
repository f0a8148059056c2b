/**
 * The result resource: a file a task published, downloaded from its signed URL and checked against its `size` and
 * MD5 `checksum`, then acknowledged (`consumed`). `/results`
 */
import type { Bytes } from '../core/checked-stream';
import type { BaseClient } from '../core/client';
import { clientFor } from '../core/default-client';
import { type DownloadOptions, downloadJson, openDownload, type ResultFile } from '../core/download';
import type { Endpoint, ListEndpoint } from '../core/endpoint';
import { InvalidInputError } from '../core/errors';
import { checkFields, dateFilter, type Ref, text } from '../core/fields';
import { type DateFilter, isPlainObject } from '../core/params';
import { APIResource, sendInPlace, staticMethod, staticPages } from '../core/methods';
import type { CallOptions, RequestOptions } from '../core/options';
import { clientOf, Resource } from '../core/resource';
import type { Schema } from '../core/schema-kit';
import { type ResponseMeta, SEND, TRANSPORT } from '../core/spec';
import { refOf, refsOf } from './ref-of';
import { resultSchema, type ResultAttributes, type ResultState } from './result.schema';

/** Filters of `list`. Consumed and expired results are left out unless `state` asks for them. */
export interface ResultListParams {
  /** Only results of this poll: a poll or its id. */
  poll?: Ref<'poll'> | undefined;
  /** Only results of this task: a task or its id. */
  task?: Ref<'task'> | undefined;
  /** Only results in this state; `consumed` and `expired` ones are listed only when asked for. */
  state?: ResultState | undefined;
  /** Only results with this content, e.g. the data type `ios_messages.messages`. */
  identifier?: string | undefined;
  /** Only results of this file type, e.g. `json`. */
  type?: string | undefined;
  /** Only results published at this instant or within this range. */
  date_created?: DateFilter | undefined;
  /** Page size, 1 to 1000 (API default 10). */
  limit?: number | undefined;
  /** Cursor: start listing after this result (or its id). */
  after_id?: Ref<'result'> | undefined;
  /** Cursor: stop listing at this result (or its id). */
  before_id?: Ref<'result'> | undefined;
}

/** Most ids one batch acknowledgement takes. */
export const MAX_ACKNOWLEDGE_IDS = 1000;

const PATH = '/results';
const schema = resultSchema;
const RETRIEVE: Endpoint<[id: string], ResultAttributes, Result> = {
  method: 'GET',
  path: '/results/{id}',
  schema,
  what: 'result {id}',
  wrap: () => Result,
};
// Acknowledging again changes nothing, so a lost answer may be re-sent.
const ACKNOWLEDGE: Endpoint<[id: string], ResultAttributes, Result> = {
  method: 'POST',
  path: '/results/{id}/ack',
  schema,
  what: 'acknowledge result {id}',
  wrap: () => Result,
};
const ACKNOWLEDGE_MANY = {
  name: 'acknowledge',
  fields: { ids: /* @__PURE__ */ refsOf('result', MAX_ACKNOWLEDGE_IDS) },
  required: ['ids'],
};
const LIST: ListEndpoint<ResultListParams, ResultAttributes, Result> = {
  path: PATH,
  schema,
  what: 'result list',
  filters: {
    poll: /* @__PURE__ */ refOf('poll'),
    task: /* @__PURE__ */ refOf('task'),
    state: text,
    identifier: text,
    type: text,
    date_created: dateFilter,
  },
  wrap: () => Result,
};

/**
 * Acknowledges many results with `client` in one call; answers them in the order sent.
 * @throws InvalidInputError for an empty list, more than 1000 ids or a bad id; RicloudError for API and network
 *   failures.
 */
async function acknowledgeMany(
  client: BaseClient,
  ids: readonly (string | { id: string })[],
  options: CallOptions | undefined,
): Promise<Result[]> {
  const body = checkFields({ ids }, ACKNOWLEDGE_MANY);
  const page = schema as unknown as Schema<{ data: ResultAttributes[] }>;
  const { data, response } = await client[SEND](
    {
      method: 'POST',
      path: '/results/ack',
      body,
      retry: 'idempotent',
      schema: page,
      page: true,
      what: 'acknowledge results',
    },
    options,
  );
  return data.data.map((item) => new Result(item, response, client));
}

/** Result methods bound to one client: `client.results`. */
export class Results extends APIResource {
  /**
   * Fetches one result.
   * @throws InvalidInputError for a bad id; NotFoundError when there is no such result.
   */
  retrieve = this.method(RETRIEVE);

  /**
   * Lists results, newest first; consumed and expired ones only when `state` asks for them.
   * @throws InvalidInputError (on first use) for an unknown filter or a bad value.
   */
  list = this.pages(LIST);

  /**
   * Acknowledges one result: `consumed` from now on (again changes nothing).
   * @throws InvalidInputError for a bad id; NotFoundError; RequestError (410 `result-expired`) once it expired.
   */
  acknowledgeWithId = this.method(ACKNOWLEDGE);

  /**
   * Acknowledges many results in one call (`POST /results/ack` with `{ ids }`); answers them in the order sent.
   * @throws InvalidInputError for an empty list, more than 1000 ids or a bad id; RequestError when one is unknown (then
   *   none is acknowledged).
   */
  acknowledge(ids: readonly Ref<'result'>[], options?: CallOptions): Promise<Result[]> {
    return acknowledgeMany(this.client, ids, options);
  }
}

/** A result has the API's attributes: `id`, `state`, `type`, `size`, `checksum`, `signed_url`, … */
export interface Result extends ResultAttributes {}

/** A result. Static methods use the default client (or `options.client`); instance methods the client it came from. */
export class Result extends Resource {
  /** Fetches this result again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** Acknowledges this result, in place: `consumed` from now on. */
  acknowledge(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, ACKNOWLEDGE, [options]);
  }

  /** `result`, as the API names this resource. */
  static override readonly resource = 'result' as const;
  /** `GET /results/{id}`. See `Results.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `GET /results`. See `Results.list`. */
  static list = /* @__PURE__ */ staticPages(LIST);
  /** `POST /results/{id}/ack`. See `Results.acknowledgeWithId`. */
  static acknowledgeWithId = /* @__PURE__ */ staticMethod(ACKNOWLEDGE);

  /** `POST /results/ack`. See `Results.acknowledge`. */
  static async acknowledge(ids: readonly Ref<'result'>[], options?: CallOptions): Promise<Result[]> {
    return acknowledgeMany(clientFor(options), ids, options);
  }

  /**
   * The file's bytes as a stream, from `signed_url`. The API token goes with it only when the URL is on the API's
   * own origin. The stream fails with SizeMismatchError as soon as more bytes than `size` arrive, and at its end
   * when fewer did (SizeMismatchError) or their MD5 is not `checksum` (ChecksumMismatchError): use the bytes only
   * once it has ended.
   * @throws InvalidInputError when the result has no `signed_url` (expired, or its storage config signs no URLs) or for
   *   a bad option; ResultExpiredError
   *   (410) when the file is gone; RequestError, ServerError, ConnectionError, TimeoutError or AbortError.
   */
  async download(options?: DownloadOptions): Promise<ReadableStream<Bytes>> {
    const client = clientOf(this);
    return openDownload(() => client[TRANSPORT](), client.baseUrl, fileOf(this), options);
  }

  /**
   * The content of a `json` result, downloaded and checked as `download()` does, then parsed; held in memory, so no
   * larger than the client's `maxResponseBytes`.
   * @throws InvalidInputError when `type` is not `json`; ResponseTooLargeError past `maxResponseBytes` (the rest is
   *   not read); ResponseValidationError when the file is not JSON; what `download()` throws.
   */
  async json(options?: DownloadOptions): Promise<unknown> {
    if (this.type !== 'json')
      throw new InvalidInputError('type', `result ${this.id} is of type ${this.type ?? 'none'}, not json`);
    const client = clientOf(this);
    return downloadJson(() => client[TRANSPORT](), client.baseUrl, fileOf(this), options);
  }
}

/**
 * The file to download. @throws InvalidInputError when the result has no `signed_url`: it expired, or its storage
 * config does not sign URLs (`signed_urls_enabled` is off by default).
 */
function fileOf(result: Result): ResultFile {
  const url = result.signed_url?.url;
  if (!url)
    throw new InvalidInputError(
      'signed_url',
      result.state === 'expired'
        ? `result ${result.id} has expired: its file is gone`
        : `result ${result.id} has none (state ${result.state}): turn on signed_urls_enabled in its storage config, ` +
            'or read its url from the bucket',
    );
  return { url, size: result.size, checksum: result.checksum, what: `download result ${result.id}` };
}

/**
 * `data` with the results it nests (a poll's `results`: a list object, or a bare array) as `Result`s of `client`, as
 * ricloud-py makes every nested resource: each can be downloaded and acknowledged. Anything else is left as it is.
 */
export function withResults<T extends { results?: unknown }>(data: T, response: ResponseMeta, client: BaseClient): T {
  const wrap = (items: unknown[]) =>
    items.map((item) => (isPlainObject(item) ? new Result(item, response, client) : item));
  const { results } = data;
  if (Array.isArray(results)) return { ...data, results: wrap(results) };
  if (isPlainObject(results) && Array.isArray(results.data))
    return { ...data, results: { ...results, data: wrap(results.data) } };
  return data;
}
