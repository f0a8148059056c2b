/**
 * A Node built-in module where the runtime has `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno), else undefined.
 * Looked up at run time, never imported: bundlers see no `node:` import, so browser builds stay free of Node.
 */
export function builtin<T>(name: `node:${string}`): T | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return process?.getBuiltinModule?.(name) as T | undefined;
}
