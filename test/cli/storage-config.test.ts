import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, newToken, ricloud, useMockServer } from './support';

const { env, mock, client } = useMockServer();
const PRIVATE = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC_secret_material';
const dir = mkdtempSync(join(tmpdir(), 'ricloud-cli-credentials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gcp = join(dir, 'key.json');
writeFileSync(gcp, JSON.stringify({ type: 'service_account', private_key: PRIVATE, client_email: 'r@acme.iam' }));
const aws = join(dir, 'aws.csv');
writeFileSync(aws, 'Access key ID,Secret access key\nAKIAEXAMPLE,wJalrXUtnFEMI_secret_material\n');

describe('ricloud storage-config', () => {
  it('create reads --credentials-path, sends them, and prints the config without them (text and JSON)', async () => {
    const token = newToken();
    const text = await ricloud(
      ['storage-config', 'create', '--url', 'gs://acme-results/x', '--credentials-path', gcp],
      env(token),
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^type +gs$/m);
    expect(text.stdout).toMatch(/^credentials +type, private_key, client_email$/m);
    const doc = await ricloud(
      ['--json', 'storage-config', 'create', '--url', 's3://acme-bucket/x', '--credentials-path', aws],
      env(token),
    );
    expect(json(doc)).toMatchObject({ type: 's3', state: 'new' });
    const everything = text.stdout + text.stderr + doc.stdout + doc.stderr;
    expect(everything).not.toContain('secret_material');
    expect(everything).not.toContain('r@acme.iam');
    // What reached the API: the AWS CSV as ricloud-py reads it (answers show the credential fields by name).
    const stored = await client(token).storageConfigs.retrieve(json<{ id: string }>(doc).id);
    expect(Object.keys(stored.credentials ?? {})).toEqual(['access_key_id', 'secret_access_key']);
  });

  it('create takes --signed-urls and --signed-urls-expiry, as update does: downloads work with no update', async () => {
    const token = newToken();
    const args = ['storage-config', 'create', '--url', 'gs://acme-results/x', '--credentials-path', gcp];
    const made = await ricloud(['--json', ...args, '--signed-urls', 'on', '--signed-urls-expiry', '600'], env(token));
    expect(made.code).toBe(0);
    expect(json(made)).toMatchObject({ signed_urls_enabled: true, signed_urls_expiry: 600 });
    const plain = await ricloud(['--json', ...args], env(token));
    expect(json(plain)).toMatchObject({ signed_urls_enabled: false });
  });

  it('retrieve, list, update, test --wait and delete', async () => {
    const token = newToken();
    const made = json<{ id: string }>(
      await ricloud(
        ['--json', 'storage-config', 'create', '--url', 'gs://acme-results/x', '--credentials-path', gcp],
        env(token),
      ),
    );
    expect((await ricloud(['storage-config', 'retrieve', made.id], env(token))).stdout).toContain(made.id);
    const list = await ricloud(['storage-config', 'list', '--type', 'gs'], env(token));
    expect(list.stdout).toMatch(/^ID +TYPE +STATE +URL/m);
    expect(list.stdout).toContain(made.id);
    const update = await ricloud(
      ['--json', 'storage-config', 'update', made.id, '--signed-urls', 'on', '--signed-urls-expiry', '600'],
      env(token),
    );
    expect(json(update)).toMatchObject({ signed_urls_enabled: true, signed_urls_expiry: 600 });
    const test = await ricloud(['storage-config', 'test', made.id, '--wait'], env(token));
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^type +storage_config\.test$/m);
    expect(test.stdout).toMatch(/^state +succeeded$/m);
    const gone = await ricloud(['storage-config', 'delete', made.id], env(token));
    expect(gone.code).toBe(0);
    expect((await ricloud(['storage-config', 'retrieve', made.id], env(token))).code).toBe(6);
  });

  it('refuses a bad url or an unreadable credentials file (exit 2), naming the flag, sending nothing', async () => {
    const token = newToken();
    const url = await ricloud(
      ['storage-config', 'create', '--url', 'https://x.example/b', '--credentials-path', gcp],
      env(token),
    );
    expect(url).toMatchObject({ code: 2, stdout: '' });
    expect(url.stderr).toContain('invalid --url: must be gs://<bucket>/<path> or s3://<bucket>/<path>');
    const missing = await ricloud(
      ['storage-config', 'create', '--url', 'gs://acme-results/x', '--credentials-path', join(dir, 'none.json')],
      env(token),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^error: invalid --credentials-path: cannot read the credentials file \S*none\.json/,
    );
    expect(mock().api.requests.filter((r) => r.headers.authorization === `Token ${token}`)).toEqual([]);
  });

  it('refuses an empty --credentials-path (an unset variable) on create and update (exit 2)', async () => {
    const token = newToken();
    const config = await client(token).storageConfigs.create({
      url: 'gs://acme-results/x',
      credentials: { type: 'service_account', private_key: PRIVATE },
    });
    const sent = mock().api.requests.length;
    for (const args of [
      ['create', '--url', 'gs://acme-results/y', '--credentials-path', ''],
      ['update', config.id, '--signed-urls', 'on', '--credentials-path', ''],
      ['update', config.id, '--credentials-path', ' '],
    ]) {
      const run = await ricloud(['storage-config', ...args], env(token));
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toBe('error: invalid --credentials-path: must be a non-empty file path\n');
    }
    expect(mock().api.requests.slice(sent)).toEqual([]);
  });

  it('names --credentials-path and the field of a key file whose value is not a plain value (exit 2)', async () => {
    const token = newToken();
    const nested = join(dir, 'nested.json');
    writeFileSync(nested, JSON.stringify({ private_key: PRIVATE, client_email: { address: 'r@acme.iam' } }));
    const run = await ricloud(
      ['storage-config', 'create', '--url', 'gs://acme-results/x', '--credentials-path', nested],
      env(token),
    );
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^error: invalid --credentials-path field client_email: must be a string/);
    expect(run.stderr).not.toContain('r@acme.iam');
    expect(mock().api.requests.filter((r) => r.headers.authorization === `Token ${token}`)).toEqual([]);
  });
});
