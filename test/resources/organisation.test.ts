import { http, HttpResponse } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { configure, Key, Organisation } from '../../src/index';
import { verifySignature } from '../../src/webhooks/index';
import { rejectionOf, TOKEN_A, TOKEN_B, useMockApi } from '../support/core-harness';

// Two keys of one organisation, so a default and an override can be told apart.
const { api, client, receiver, server } = useMockApi({ tokens: { [TOKEN_A]: 'org_acme', [TOKEN_B]: 'org_acme' } });
const HOOK_DEFAULT = 'https://hooks.example.com/default';
const HOOK_OWN = 'https://hooks.example.com/own';

describe('Organisation', () => {
  it('types its type as the documented standard or super, taking one the API adds later', async () => {
    server.use(
      http.get(`${api.baseUrl}/organisation`, () =>
        HttpResponse.json({ id: 1, resource: 'organisation', type: 'partner' }),
      ),
    );
    const org = await client().organisation.retrieve();
    expect(org.type).toBe('partner');
    expectTypeOf(org.type).toEqualTypeOf<'standard' | 'super' | (string & {}) | null | undefined>();
  });

  it(
    'retrieve() GETs /organisation: its id, name, configs as a nested list and state unconfigured until its ' +
      'webhook and storage configs are valid',
    async () => {
      const org = await client().organisation.retrieve();
      expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/organisation' });
      expect(org).toBeInstanceOf(Organisation);
      expect(org).toMatchObject({ id: 'org_acme', resource: 'organisation', state: 'unconfigured' });
      expect(org.webhook_configs).toMatchObject({ data: [] });
      const cfg = await client().webhookConfigs.create({ url: HOOK_DEFAULT });
      await api.settle();
      await org.refresh();
      expect(org.state).toBe('unconfigured');
      await client().storageConfigs.create({ url: 'gs://results-bucket/ricloud', credentials: { private_key: 'k' } });
      await api.settle();
      await org.refresh();
      expect(org.state).toBe('active');
      expect(org.webhook_configs).toMatchObject({ data: [{ id: cfg.id }] });
    },
  );

  it('update() sets webhook_config_default from a config (its id is sent), and null clears it', async () => {
    const cfg = await client().webhookConfigs.create({ url: HOOK_DEFAULT });
    const org = await client().organisation.update({ webhook_config_default: cfg, name: 'Acme' });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/organisation',
      body: JSON.stringify({ webhook_config_default: cfg.id, name: 'Acme' }),
    });
    expect(org).toMatchObject({ webhook_config_default: cfg.id, name: 'Acme' });
    await org.update({ webhook_config_default: null });
    expect(org.webhook_config_default).toBeNull();
  });

  it(
    'reads an organisation whose configs are bare arrays, as an older copy of the docs shows them, ' +
      'and its permissions',
    async () => {
      const permissions = { resource: 'organisation_permissions', identifier: 'default', scopes: {} };
      server.use(
        http.get(`${api.baseUrl}/organisation`, () =>
          HttpResponse.json({
            id: 1,
            resource: 'organisation',
            name: 'Acme',
            webhook_configs: [],
            storage_configs: [{ id: 'sc_1', resource: 'storage_config', credentials: { private_key: 'pk-secret' } }],
            permissions,
          }),
        ),
      );
      const org = await client().organisation.retrieve();
      expect(org.webhook_configs).toEqual([]);
      expect(org.storage_configs).toMatchObject([{ id: 'sc_1' }]);
      expect(JSON.stringify(org)).not.toContain('pk-secret');
      expect(org.permissions).toEqual(permissions);
    },
  );

  it('refuses a nested list that is neither an array nor a list object (its data not a list)', async () => {
    const answer = { id: 1, resource: 'organisation', webhook_configs: { data: 'none', total_count: 0 } };
    server.use(http.get(`${api.baseUrl}/organisation`, () => HttpResponse.json(answer)));
    const error = await rejectionOf(client().organisation.retrieve());
    expect(error).toMatchObject({ name: 'ResponseValidationError', field: 'webhook_configs.data' });
  });

  it('has static forms on the default client, and instance forms that update in place', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const org = await Organisation.retrieve();
    const same = await org.update({ name: 'Renamed' });
    expect(same).toBe(org);
    expect(org.name).toBe('Renamed');
    expect((await Organisation.update({ name: 'Again' })).name).toBe('Again');
    expect((await org.refresh()).name).toBe('Again');
  });

  it(
    "routes a key's events to its own config and the other key's to the organisation default, " +
      "each signed with its config's secret",
    async () => {
      const c = client();
      const fallback = await c.webhookConfigs.create({ url: HOOK_DEFAULT });
      const own = await c.webhookConfigs.create({ url: HOOK_OWN });
      await c.organisation.update({ webhook_config_default: fallback });
      const mine = await Key.current({ client: c });
      await mine.update({ webhook_config: own });
      const storageOf = (token: string) =>
        client({ token }).storageConfigs.create({
          url: 'gs://acme-results/in',
          credentials: { type: 'service_account' },
        });
      await api.settle();
      receiver.clear();
      // A storage config test ends with a task event, routed for the key that started it.
      await storageOf(TOKEN_A);
      await storageOf(TOKEN_B);
      await api.settle();
      const byUrl = (url: string) => receiver.deliveries.filter((d) => d.url.startsWith(url));
      expect(byUrl(HOOK_OWN)).toHaveLength(1);
      expect(byUrl(HOOK_DEFAULT)).toHaveLength(1);
      const [toOwn] = byUrl(HOOK_OWN);
      const [toDefault] = byUrl(HOOK_DEFAULT);
      await expect(verifySignature(toOwn?.body ?? '', toOwn?.signature, own.secret ?? '')).resolves.toBeUndefined();
      await expect(
        verifySignature(toDefault?.body ?? '', toDefault?.signature, fallback.secret ?? ''),
      ).resolves.toBeUndefined();
    },
  );
});
