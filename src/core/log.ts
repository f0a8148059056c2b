/** Logging: a console-compatible logger filtered by level. Callers pass only redacted text. */

/** Log levels, quietest first. */
export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;

/** How much the SDK logs. Set with the `logLevel` option or the `RICLOUD_LOG` env var; default `warn`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The methods a logger must have. */
export const LOG_METHODS = LOG_LEVELS.slice(1) as readonly Exclude<LogLevel, 'off'>[];

/** Anything with console's four methods: `console`, pino, winston. */
export interface Logger {
  /** A `debug` line: each attempt and its response. Written only at `logLevel: 'debug'`. */
  debug(message: string, ...rest: unknown[]): void;
  /** An `info` line. Written when `logLevel` is `info` or `debug`. */
  info(message: string, ...rest: unknown[]): void;
  /**
   * A `warn` line: a retry, a hook that threw, a body returned unchecked. Written unless `logLevel` is `error` or
   * `off`.
   */
  warn(message: string, ...rest: unknown[]): void;
  /** An `error` line. Written unless `logLevel` is `off`. */
  error(message: string, ...rest: unknown[]): void;
}

/**
 * A logger that drops every message above `level`. A logger that throws, or rejects (an async one), loses its line;
 * the call goes on.
 */
export function levelled(logger: Logger, level: LogLevel): (at: Exclude<LogLevel, 'off'>, message: string) => void {
  const max = LOG_LEVELS.indexOf(level);
  return (at, message) => {
    if (LOG_LEVELS.indexOf(at) > max) return;
    try {
      // An async logger is not awaited, but its rejection is caught: an unhandled one would end a Node process.
      Promise.resolve(logger[at](`[ricloud] ${message}`)).catch(() => undefined);
    } catch {
      // Logging must never turn an answer into a failure.
    }
  };
}

/** Reads a level from `RICLOUD_LOG`, ignoring values that are not levels. */
export function envLogLevel(value: string | undefined): LogLevel | undefined {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : undefined;
}
