/**
 * What an editor shows of the mock's state: every field of the shapes `api.store` gives (`Stored…`, `PollPayload`),
 * at any depth, and every list `api.store` has, carries a line of documentation.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../src/mock/public.ts', import.meta.url));
const program = ts.createProgram([entry], { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(entry);
const exported = source ? checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol) : [];

/** The paths (`StoredKey.config.publish_source_files`) of the fields of `type`, at any depth, that have no docs. */
function undocumented(type: ts.Type, path: string, seen = new Set<ts.Type>()): string[] {
  if (seen.has(type)) return [];
  seen.add(type);
  const parts = type.isUnion() ? type.types : [type];
  return parts.flatMap((part) =>
    part.flags & ts.TypeFlags.Object && !checker.isArrayType(part)
      ? checker.getPropertiesOfType(part).flatMap((field) => {
          const at = `${path}.${field.name}`;
          const missing = field.getDocumentationComment(checker).length === 0 ? [at] : [];
          const declaration = field.valueDeclaration ?? field.declarations?.[0];
          // Only the mock's own fields: a schema's attributes (`TaskAttributes`) are the SDK's, documented there.
          if (!declaration?.getSourceFile().fileName.includes('/src/mock/')) return [];
          return [...missing, ...undocumented(checker.getTypeOfSymbolAtLocation(field, declaration), at, seen)];
        })
      : [],
  );
}

describe("the mock's stored shapes", () => {
  it('document every field, and every list of api.store', () => {
    const shapes = exported.filter(({ name }) => name.startsWith('Stored') || name === 'PollPayload');
    expect(shapes.map(({ name }) => name)).toHaveLength(11);
    const mockApi = exported.find(({ name }) => name === 'MockApi') as ts.Symbol;
    const store = checker.getDeclaredTypeOfSymbol(mockApi).getProperty('store') as ts.Symbol;
    const missing = [
      ...shapes.flatMap((shape) => undocumented(checker.getDeclaredTypeOfSymbol(shape), shape.name)),
      ...undocumented(checker.getTypeOfSymbol(store), 'MockApi.store'),
    ];
    expect(missing).toEqual([]);
  });
});
