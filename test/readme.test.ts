/** Every TypeScript sample in the README and docs/ is part of a file in examples/, which test/examples.test.ts runs. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const examples = readdirSync(new URL('../examples/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => read(`examples/${name}`));
/** The ```ts samples of a markdown file. */
const samplesOf = (markdown: string) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const readme = samplesOf(read('README.md'));
/** Design notes whose samples sketch src/ (elided with …), not code a user runs. */
const designNotes = new Set(['design.md']);
const docs = readdirSync(new URL('../docs/', import.meta.url))
  .filter((name) => name.endsWith('.md') && !designNotes.has(name))
  .flatMap((name) =>
    samplesOf(read(`docs/${name}`)).map((sample, i) => [`docs/${name} sample ${i + 1}`, sample] as const),
  );

describe('README samples', () => {
  it('has samples to check', () => {
    expect(readme.length).toBeGreaterThanOrEqual(5);
  });

  it.each(readme.map((sample, i) => [i + 1, sample] as const))(
    'sample %i is a runnable excerpt of an example file',
    (_n, sample) => {
      expect(examples.some((file) => file.includes(sample.trimEnd()))).toBe(true);
    },
  );
});

describe("README's Example", () => {
  // The ten lines are a whole program: one copied into an app with noUnusedLocals (Vite's templates) must compile.
  it('imports only names it uses', () => {
    const [example = ''] = readme;
    const imports = /^import \{ ([^}]+) \} from 'ricloud';$/m.exec(example);
    const body = example.replace(imports?.[0] ?? '', '');
    const unused = (imports?.[1] ?? '').split(', ').filter((name) => !new RegExp(`\\b${name}\\b`).test(body));
    expect(imports).not.toBeNull();
    expect(unused).toEqual([]);
  });
});

describe('docs/ samples', () => {
  it('has samples to check', () => {
    expect(docs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(docs)('%s is a runnable excerpt of an example file', (_name, sample) => {
    expect(examples.some((file) => file.includes(sample.trimEnd()))).toBe(true);
  });
});
