/**
 * An update that sets no field is a type error for every resource whose update refuses it at run time (the runtime
 * refusals are in test/core/input-messages.test.ts): a type-check fixture, not a test file, checked by `tsc --noEmit`
 * as test/public-types.check.ts is. A `@ts-expect-error` that finds no error fails the type check. Nothing here runs.
 */
import { Client, Key, Organisation, StorageConfig, User, WebhookConfig } from 'ricloud';

/** Type-checked, never called. */
const never = (_check: () => unknown) => undefined;
const maybe = (): string | undefined => process.env.RICLOUD_URL;

never(async () => {
  const client = new Client();
  const cfg = await WebhookConfig.retrieve('wc_1');
  await cfg.update({ url: 'https://hooks.example.com/v2' });
  await WebhookConfig.updateWithId('wc_1', { state: 'deactivated' });
  await client.webhookConfigs.update('wc_1', { url: 'https://hooks.example.com/v2', state: 'new' });
  // @ts-expect-error: an update needs url or state
  await cfg.update({});
  // @ts-expect-error: an update needs url or state
  await WebhookConfig.updateWithId('wc_1', {});
  // @ts-expect-error: an update needs url or state
  await client.webhookConfigs.update('wc_1', {});
  // @ts-expect-error: a field set to undefined sets nothing
  await cfg.update({ url: maybe() });
});

never(async () => {
  const client = new Client();
  const key = await Key.retrieve('key_1');
  await key.update({ webhook_config: 'wc_1' });
  // `null` is a value: it puts the key back on the organisation's default.
  await Key.updateWithId('key_1', { storage_config: null });
  await client.keys.update('key_1', { webhook_config: await WebhookConfig.retrieve('wc_1') });
  // @ts-expect-error: an update needs webhook_config or storage_config
  await key.update({});
  // @ts-expect-error: an update needs webhook_config or storage_config
  await Key.updateWithId('key_1', {});
  // @ts-expect-error: an update needs webhook_config or storage_config
  await client.keys.update('key_1', {});
  // @ts-expect-error: a field set to undefined sets nothing
  await key.update({ webhook_config: undefined });
});

never(async () => {
  const client = new Client();
  const organisation = await Organisation.retrieve();
  await organisation.update({ name: 'Acme' });
  await Organisation.update({ webhook_config_default: null });
  await client.organisation.update({ storage_config_default: 'sc_1' });
  // @ts-expect-error: an update needs webhook_config_default, storage_config_default or name
  await organisation.update({});
  // @ts-expect-error: an update needs webhook_config_default, storage_config_default or name
  await Organisation.update({});
  // @ts-expect-error: an update needs webhook_config_default, storage_config_default or name
  await client.organisation.update({});
  // @ts-expect-error: a field set to undefined sets nothing
  await organisation.update({ name: maybe() });
});

never(async () => {
  const client = new Client();
  const storage = await StorageConfig.retrieve('sc_1');
  await storage.update({ signed_urls_enabled: false });
  await StorageConfig.updateWithId('sc_1', { signed_urls_expiry: null });
  await client.storageConfigs.update('sc_1', { credentials: { private_key: 'k' } });
  // @ts-expect-error: an update needs url, credentials, signed_urls_enabled, signed_urls_expiry or state
  await storage.update({});
  // @ts-expect-error: an update needs url, credentials, signed_urls_enabled, signed_urls_expiry or state
  await StorageConfig.updateWithId('sc_1', {});
  // @ts-expect-error: an update needs url, credentials, signed_urls_enabled, signed_urls_expiry or state
  await client.storageConfigs.update('sc_1', {});
  // @ts-expect-error: a field set to undefined sets nothing
  await storage.update({ url: maybe() });
});

never(async () => {
  const client = new Client();
  const user = await User.retrieve('usr_1');
  await user.update({ identifier: 'alice@example.com' });
  await User.updateWithId('usr_1', { state: 'deactivated' });
  await client.users.update('usr_1', { identifier: 'bob@example.com', state: 'active' });
  // @ts-expect-error: an update needs identifier or state
  await user.update({});
  // @ts-expect-error: an update needs identifier or state
  await User.updateWithId('usr_1', {});
  // @ts-expect-error: an update needs identifier or state
  await client.users.update('usr_1', {});
  // @ts-expect-error: a field set to undefined sets nothing
  await user.update({ identifier: maybe() });
});
