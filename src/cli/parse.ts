/** Parsers that turn option text into values; a bad value is a usage error that names the option. */
import { InvalidArgumentError } from 'commander';

/** A whole number. */
export function integer(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw new InvalidArgumentError('Not a whole number.');
  return value;
}

/** A TCP port, 0 (any free port) to 65535. */
export function port(text: string): number {
  const value = integer(text);
  if (value < 0 || value > 65_535) throw new InvalidArgumentError('Not a port (0 to 65535).');
  return value;
}

/** A positive number of seconds. */
export function seconds(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('Not a positive number of seconds.');
  return value;
}

/** A comma-separated list, e.g. of event slugs (`webhook_config.test,task.succeeded`). */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
