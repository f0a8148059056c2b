/** The organisation resource: the caller's organisation, its configs and its defaults. `/organisation` */
import type { BaseClient } from '../core/client';
import { clientFor } from '../core/default-client';
import { APIResource, callEndpoint, type Endpoint } from '../core/endpoint';
import { refOrNull, text } from '../core/fields';
import type { CallOptions, RequestOptions } from '../core/options';
import { Resource } from '../core/resource';
import type { Attributes, Kit } from '../core/schema-kit';
import { ORGANISATION_STATES } from '../core/wire';

/** An organisation: its configs, its defaults and its state. */
export const organisationSchema = ({ z, id, maybe, datetime, openEnum, nestedList }: Kit) =>
  z.looseObject({
    /** Identifier (the API's example shows a number). */
    id: id(),
    /** Always `organisation`. */
    resource: z.literal('organisation'),
    /** `standard` or `super`. */
    type: maybe(z.string()),
    /** The organisation's name. */
    name: maybe(z.string()),
    /** A short name. */
    slug: maybe(z.string()),
    /** The API version the organisation is set to. */
    api_version: maybe(z.string()),
    /** The organisation's settings, e.g. `publish_source_files`. */
    config: maybe(z.record(z.string(), z.unknown())),
    /** Its webhook configs, as a list object (the first page). */
    webhook_configs: maybe(nestedList()),
    /** The webhook config its keys' events go to unless a key names its own (its id). */
    webhook_config_default: maybe(id()),
    /** Its storage configs, as a list object (the first page). */
    storage_configs: maybe(nestedList()),
    /** The storage config its keys' results go to unless a key names its own (its id). */
    storage_config_default: maybe(id()),
    /** `unconfigured` until it has a valid webhook config, then `active`; or `deactivated`, `blocked`. */
    state: maybe(openEnum(ORGANISATION_STATES)),
    /** When the organisation was created (ISO 8601). */
    date_created: maybe(datetime()),
  });

/** An organisation's attributes, as the API sends them. */
export type OrganisationAttributes = Attributes<typeof organisationSchema>;

/** A config given by itself or by its id; `null` clears the default. */
type ConfigRef = string | number | { id: string | number } | null;

/** Parameters of `update`: the defaults its keys fall back to, and its name (an empty update is refused). */
export interface OrganisationUpdateParams {
  /** The webhook config events go to for keys that name none of their own. */
  webhook_config_default?: ConfigRef | undefined;
  /** The storage config results go to for keys that name none of their own. */
  storage_config_default?: ConfigRef | undefined;
  /** The organisation's name. */
  name?: string | undefined;
}

const PATH = '/organisation';
const RETRIEVE: Endpoint<OrganisationAttributes, Organisation> = {
  method: 'GET',
  path: PATH,
  schema: organisationSchema,
  what: 'organisation',
  wrap: () => Organisation,
};
const UPDATE: Endpoint<OrganisationAttributes, Organisation> = {
  method: 'POST',
  path: PATH,
  schema: organisationSchema,
  what: 'update organisation',
  params: {
    name: 'update',
    fields: { webhook_config_default: refOrNull, storage_config_default: refOrNull, name: text },
    nonEmpty: 'an update needs webhook_config_default, storage_config_default or name',
  },
  wrap: () => Organisation,
};

/** Organisation methods bound to one client: `client.organisation`. */
export class Organisations extends APIResource {
  /** Fetches the caller's organisation, with its configs (first page of each) and its `state`. */
  retrieve(options?: CallOptions): Promise<Organisation> {
    return this.call(RETRIEVE, undefined, undefined, options);
  }

  /**
   * Sets the organisation's default webhook and storage configs (a config or its id; `null` clears one) or its name.
   * @throws InvalidInputError for an empty update or a bad field; RicloudError for API and network failures.
   */
  update(params: OrganisationUpdateParams, options?: CallOptions): Promise<Organisation> {
    return this.call(UPDATE, undefined, params, options);
  }
}

/** An organisation has the API's attributes: `id`, `name`, `state`, `webhook_config_default`, … */
export interface Organisation extends OrganisationAttributes {}

/** The caller's organisation. Static methods use the default client; instance methods the one it came from. */
export class Organisation extends Resource<BaseClient> {
  /** `GET /organisation`. See `Organisations.retrieve`. */
  static async retrieve(options?: CallOptions): Promise<Organisation> {
    return callEndpoint(clientFor(options), RETRIEVE, undefined, undefined, options);
  }

  /** `POST /organisation`. See `Organisations.update`. */
  static async update(params: OrganisationUpdateParams, options?: CallOptions): Promise<Organisation> {
    return callEndpoint(clientFor(options), UPDATE, undefined, params, options);
  }

  /** Updates this organisation in place and returns it. */
  async update(params: OrganisationUpdateParams, options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, UPDATE, undefined, params, options));
  }

  /** Fetches the organisation again, in place. */
  async refresh(options?: RequestOptions): Promise<this> {
    return this.reload(() => callEndpoint(this.client, RETRIEVE, undefined, undefined, options));
  }
}
