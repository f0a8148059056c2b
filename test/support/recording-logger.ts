import { format } from 'node:util';
import type { Logger } from '../../src/index';

/** A logger that keeps every line it is given, its arguments formatted as console would. */
export function recordingLogger() {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push(`${level} ${format(...args)}`);
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}
