/** Every TypeScript sample in the README is part of a file in examples/, which test/examples.test.ts runs. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = readdirSync(new URL('../examples/', import.meta.url))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
const samples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

describe('README samples', () => {
  it('has samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(samples.map((sample, i) => [i + 1, sample] as const))(
    'sample %i is a runnable excerpt of an example file',
    (_n, sample) => {
      expect(examples.some((file) => file.includes(sample.trimEnd()))).toBe(true);
    },
  );
});
