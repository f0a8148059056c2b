/** Logging: a console-compatible logger filtered by level. Callers pass only redacted text. */

/** Log levels, quietest first. */
export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;

/** How much the SDK logs. Set with the `logLevel` option or the `RICLOUD_LOG` env var; default `warn`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Anything with console's four methods: `console`, pino, winston. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** A logger that drops every message above `level`. */
export function levelled(logger: Logger, level: LogLevel): (at: Exclude<LogLevel, 'off'>, message: string) => void {
  const max = LOG_LEVELS.indexOf(level);
  return (at, message) => {
    if (LOG_LEVELS.indexOf(at) <= max) logger[at](`[ricloud] ${message}`);
  };
}

/** Reads a level from `RICLOUD_LOG`, ignoring values that are not levels. */
export function envLogLevel(value: string | undefined): LogLevel | undefined {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : undefined;
}
