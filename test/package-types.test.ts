/**
 * The built declarations as a strict app's compiler reads them, with `skipLibCheck` off: an ESM app and a CommonJS app
 * (`module: node16`), each importing every entry point of the package from node_modules. Runs against dist/ (built by
 * `npm test` before vitest).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const app = mkdtempSync(join(tmpdir(), 'ricloud-types-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));
mkdirSync(join(app, 'node_modules'));
symlinkSync(root, join(app, 'node_modules', 'ricloud'), 'dir');
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module' }));

/** An app's one source file: every entry point imported and used (a .cts file is CommonJS: its imports are requires). */
const APP = `import { Client } from 'ricloud';
import { createWebhookHandler } from 'ricloud/webhooks';
import { createMockApi } from 'ricloud/mock';
import { webhookConfigSchema } from 'ricloud/schemas';
import { downloadToFile } from 'ricloud/node';

const client = new Client({ token: 'tok' });
export const made = client.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
export const receiver = createWebhookHandler({ secret: 'whsec_x' });
export const used = [createMockApi, webhookConfigSchema, downloadToFile];
`;

/**
 * The compiler's complaints about the app's `files` and the package's declarations, as `path(line): message`. Those
 * about other packages' (msw's own declarations do not compile in a CommonJS app) are theirs to fix.
 */
function diagnostics(files: string[]): string[] {
  const program = ts.createProgram(
    files.map((file) => join(app, file)),
    {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
    },
  );
  const ours = (d: ts.Diagnostic) => !d.file?.fileName.includes('/node_modules/');
  return ts
    .getPreEmitDiagnostics(program)
    .filter(ours)
    .map((d) => {
      const where = d.file ? `${d.file.fileName}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : '';
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}

describe('the declarations, with skipLibCheck off', () => {
  it('compile in an ESM app (import) and in a CommonJS app (require), so they never import ESM-only ky', () => {
    // The same source as app.ts is ESM (the app's package.json says "type": "module"); as app.cts it is CommonJS.
    for (const file of ['app.ts', 'app.cts']) writeFileSync(join(app, file), APP);
    expect(diagnostics(['app.ts', 'app.cts'])).toEqual([]);
  }, 120_000);
});
