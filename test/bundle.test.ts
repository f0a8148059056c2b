/**
 * What a browser app that uses only webhook configs and tasks bundles of the SDK: none of issue 17's resources, and
 * neither the result download nor MD5, which only `Result` uses. Runs against dist/ (built by `npm test` before vitest).
 */
import { describe, expect, it } from 'vitest';
import { bundleBrowserApp } from '../bench/browser-app';

const APP = `import { configure, WebhookConfig, Task } from 'ricloud';
configure({ token: 'app-token' });
export const run = async () => [await WebhookConfig.list(), await Task.retrieve('t_1').then((task) => task.wait())];`;

const WITH_RESULT = `import { configure, Result } from 'ricloud';
configure({ token: 'app-token' });
export const run = async () => (await Result.retrieve('r_1')).download();`;

/** A message of the download's stream, and MD5's first initial word (0x67452301), as they appear in a bundle. */
const DOWNLOAD_TEXT = 'the connection failed during the download';
const MD5_WORD = '1732584193';

describe('a browser app that uses WebhookConfig and Task', () => {
  it("bundles none of issue 17's resources, nor the result download and MD5", async () => {
    const code = new TextDecoder().decode(await bundleBrowserApp(APP));
    for (const path of ['/users', '/sources', '/sessions', '/polls', '/subscriptions', '/results'])
      expect({ path, bundled: code.includes(`"${path}`) || code.includes(`'${path}`) }).toEqual({
        path,
        bundled: false,
      });
    expect(code).not.toContain(DOWNLOAD_TEXT);
    expect(code).not.toContain(MD5_WORD);
  });

  it('gets the download and MD5 once it uses Result (what the check above looks for is there to find)', async () => {
    const code = new TextDecoder().decode(await bundleBrowserApp(WITH_RESULT));
    expect(code).toContain('"/results');
    expect(code).toContain(DOWNLOAD_TEXT);
    expect(code).toContain(MD5_WORD);
  });
});
