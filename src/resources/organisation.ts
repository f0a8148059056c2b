/** The organisation resource: the caller's organisation, its configs and its defaults. `/organisation` */
import type { Endpoint } from '../core/endpoint';
import { type AtLeastOne, type RefOrNull, text } from '../core/fields';
import { APIResource, sendInPlace, staticMethod } from '../core/methods';
import type { RequestOptions } from '../core/options';
import { Resource } from '../core/resource';
import { refOf } from './ref-of';
import { organisationSchema, type OrganisationAttributes } from './organisation.schema';

/** The fields an update may change. */
interface OrganisationUpdateFields {
  /** The webhook config events go to for keys that name none of their own (`null` clears it). */
  webhook_config_default?: RefOrNull<'webhook_config'> | undefined;
  /** The storage config results go to for keys that name none of their own (`null` clears it). */
  storage_config_default?: RefOrNull<'storage_config'> | undefined;
  /** The organisation's name. */
  name?: string | undefined;
}

/** Parameters of `update`: the defaults its keys fall back to, or its name (an empty update is a type error). */
export type OrganisationUpdateParams = AtLeastOne<OrganisationUpdateFields>;

const PATH = '/organisation';
const RETRIEVE: Endpoint<[], OrganisationAttributes, Organisation> = {
  method: 'GET',
  path: PATH,
  schema: organisationSchema,
  what: 'organisation',
  wrap: () => Organisation,
};
const UPDATE: Endpoint<[params: OrganisationUpdateParams], OrganisationAttributes, Organisation> = {
  method: 'POST',
  path: PATH,
  schema: organisationSchema,
  what: 'update organisation',
  params: {
    name: 'update',
    fields: {
      webhook_config_default: /* @__PURE__ */ refOf('webhook_config', true),
      storage_config_default: /* @__PURE__ */ refOf('storage_config', true),
      name: text,
    },
    nonEmpty: true,
  },
  wrap: () => Organisation,
};

/** Organisation methods bound to one client: `client.organisation`. */
export class Organisations extends APIResource {
  /** Fetches the caller's organisation, with its configs (first page of each) and its `state`. */
  retrieve = this.method(RETRIEVE);

  /**
   * Sets the organisation's default webhook and storage configs (a config or its id; `null` clears one) or its name.
   * @throws InvalidInputError for an empty update or a bad field; RicloudError for API and network failures.
   */
  update = this.method(UPDATE);
}

/** An organisation has the API's attributes: `id`, `name`, `state`, `webhook_config_default`, … */
export interface Organisation extends OrganisationAttributes {}

/** The caller's organisation. Static methods use the default client; instance methods the one it came from. */
export class Organisation extends Resource {
  /** Updates this organisation in place and returns it. */
  update(params: OrganisationUpdateParams, options?: RequestOptions): Promise<this> {
    return sendInPlace(this, UPDATE, [params, options]);
  }

  /** Fetches the organisation again, in place. */
  refresh(options?: RequestOptions): Promise<this> {
    return sendInPlace(this, RETRIEVE, [options]);
  }

  /** `organisation`, as the API names this resource. */
  static override readonly resource = 'organisation' as const;
  /** `GET /organisation`. See `Organisations.retrieve`. */
  static retrieve = /* @__PURE__ */ staticMethod(RETRIEVE);
  /** `POST /organisation`. See `Organisations.update`. */
  static update = /* @__PURE__ */ staticMethod(UPDATE);
}
