/**
 * How results reach the user. People get aligned `key  value` lines and tables with coloured states; programs get
 * JSON on stdout (`--json`). Hints and progress go to stderr, so stdout holds only the result. Text shows control
 * characters escaped (`escapeControls`), whoever wrote them: the server's values reach the terminal as text only.
 */
import { once } from 'node:events';
import { createColors } from 'picocolors';
import { escapeControls, toJson } from './escape';
import type { Env } from './settings';
import { displayWidth } from './width';

type Colors = ReturnType<typeof createColors>;

/** The colour of each known state: green when it worked, red when it did not, yellow while undecided. */
const STATE_COLORS: Record<string, 'green' | 'red' | 'yellow' | 'dim'> = {
  valid: 'green',
  succeeded: 'green',
  delivered: 'green',
  invalid: 'red',
  failed: 'red',
  new: 'yellow',
  pending: 'yellow',
  processing: 'yellow',
  deactivated: 'dim',
  suspended: 'dim',
};

/** Hides a secret or token: only its last four characters show, and none of a short one. */
export function mask(secret: string): string {
  return secret.length >= 16 ? `****${secret.slice(-4)}` : '****';
}

/**
 * True when a switch of the environment (`CI`, `FORCE_COLOR`) is on: set to anything but empty, `0` or `false` (any
 * case). ci-info reads `CI` so for `false` and empty, and Node reads `FORCE_COLOR` so for `0` and `false`.
 */
function switchedOn(value: string | undefined): boolean {
  const text = value?.trim().toLowerCase();
  return text !== undefined && text !== '' && text !== '0' && text !== 'false';
}

/**
 * Colour on a stream: wanted (no `--no-color`, no `NO_COLOR`), and `FORCE_COLOR` on, or a terminal that shows colour
 * (not `TERM=dumb`, as Node and git read it) unless `FORCE_COLOR` is `0` or `false`, which Node reads as no colour.
 */
function colorsFor(stream: NodeJS.WriteStream, wanted: boolean, env: Env): Colors {
  const terminal = Boolean(stream.isTTY) && env.TERM !== 'dumb';
  const forced = env.FORCE_COLOR?.trim() ? switchedOn(env.FORCE_COLOR) : undefined;
  return createColors(wanted && !env.NO_COLOR && (forced ?? terminal));
}

/** Settings of an `Output`. */
export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  color: boolean;
  env: Env;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** Where a command writes. One per run. */
export class Output {
  /** `--json`: results as JSON documents, streams as NDJSON. */
  readonly json: boolean;
  /**
   * True when progress may be drawn: stderr is a terminal that can redraw a line (not `TERM=dumb`, not a CI runner's:
   * `CI` switched on) and `--quiet` is off. Elsewhere a spinner would print a line at each redraw.
   */
  readonly interactive: boolean;
  /** Colours for stderr, for progress text. */
  readonly errColors: Colors;
  readonly #colors: Colors;
  readonly #quiet: boolean;
  readonly #stdout: NodeJS.WriteStream;
  readonly #stderr: NodeJS.WriteStream;
  /** The `report` lines dropped since stderr backed up. */
  #dropped = 0;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.#quiet = options.quiet;
    this.#stdout = options.stdout;
    this.#stderr = options.stderr;
    this.interactive =
      Boolean(options.stderr.isTTY) && !options.quiet && options.env.TERM !== 'dumb' && !switchedOn(options.env.CI);
    this.#colors = colorsFor(options.stdout, options.color, options.env);
    this.errColors = colorsFor(options.stderr, options.color, options.env);
  }

  /**
   * Prints one resource: aligned `key  value` lines, or one JSON document. A `secret` is masked in text; in JSON it
   * appears only with `revealSecret`, which only the `create` that produced it passes.
   */
  resource(value: object, options: { revealSecret?: boolean } = {}): void {
    // The SDK keeps `secret` and a key's `token` non-enumerable, so spreading and JSON leave them out unless they are
    // added back here. Storage `credentials` are never added back: text names their fields only.
    const { secret, token, credentials } = value as { secret?: unknown; token?: unknown; credentials?: unknown };
    if (this.json) {
      const revealed = {
        ...(typeof secret === 'string' ? { secret } : {}),
        ...(typeof token === 'string' ? { token } : {}),
      };
      this.document(options.revealSecret ? { ...value, ...revealed } : value);
      return;
    }
    const rows = Object.entries(value);
    if (typeof secret === 'string') rows.push(['secret', mask(secret)]);
    if (typeof token === 'string') rows.push(['token', mask(token)]);
    if (credentials && typeof credentials === 'object') rows.push(['credentials', Object.keys(credentials).join(', ')]);
    this.fields(rows);
  }

  /** Prints `key  value` lines with the values aligned; `state` values are coloured. */
  fields(rows: [string, unknown][]): void {
    const width = Math.max(0, ...rows.map(([key]) => displayWidth(plain(key))));
    for (const [key, value] of rows)
      this.#print(`${this.#colors.bold(plain(key) + padding(plain(key), width))}  ${this.#cell(key, value)}`);
  }

  /** Prints items as a table with one column per attribute in `columns`; `state` values are coloured. */
  table(items: object[], columns: string[]): void {
    this.openTable(columns)(items);
  }

  /**
   * A table printed as its rows arrive, for a list walked page by page: the header comes with the first rows, and
   * each column is as wide as its widest cell so far (a wider cell later widens it from there on).
   */
  openTable(columns: string[]): (items: object[]) => void {
    const widths = columns.map((key) => displayWidth(key));
    let started = false;
    return (items) => {
      const text = items.map((item) => columns.map((key) => plain((item as Record<string, unknown>)[key])));
      for (const row of text)
        for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] as number, displayWidth(cell));
      // Painted before it is padded: a state is coloured by its name, which the padding would change.
      const pad = (cells: string[], paint: (cell: string, i: number) => string) =>
        cells
          .map((cell, i) =>
            i === cells.length - 1 ? paint(cell, i) : paint(cell, i) + padding(cell, widths[i] as number),
          )
          .join('  ');
      const header = columns.map((key) => key.toUpperCase());
      if (!started) this.#print(this.#colors.bold(pad(header, (cell) => cell)));
      started = true;
      for (const row of text) this.#print(pad(row, (cell, i) => (columns[i] === 'state' ? this.#state(cell) : cell)));
    };
  }

  /** Prints `value` as one pretty-printed JSON document. */
  document(value: unknown): void {
    this.#print(toJson(value, 2));
  }

  /** Prints `value` as one compact JSON line (NDJSON). */
  jsonLine(value: unknown): void {
    this.#print(toJson(value));
  }

  /**
   * Resolves once stdout can take more: at once, unless a reader slower than the API let its buffer fill. A walk
   * waits here before its next page, so it holds about a page, not the list.
   * @throws AbortError when `signal` aborts first (Ctrl-C, or the reader went away).
   */
  async readyForMore(signal: AbortSignal): Promise<void> {
    if (this.backedUp) await once(this.#stdout, 'drain', { signal });
  }

  /** True while stdout holds more than its buffer: its reader is slower than the writes, or stopped reading. */
  get backedUp(): boolean {
    return this.#stdout.writableNeedDrain;
  }

  /** Writes a line of text to stdout, its control characters escaped. */
  line(text: string): void {
    this.#print(escapeControls(text));
  }

  /** Writes a hint or a banner to stderr, unless `--quiet`. */
  note(text: string): void {
    if (!this.#quiet) this.warn(text);
  }

  /**
   * Writes a warning, or a line a script needs (the address `event listen` took), to stderr even with `--quiet`, its
   * control characters escaped.
   */
  warn(text: string): void {
    this.#stderr.write(`${escapeControls(text)}\n`);
  }

  /**
   * Writes what others made happen (a delivery refused) to stderr, as `warn`, unless stderr is backed up: anyone who
   * reaches a listener can send them, so they are counted there instead of queued, and the count is told once
   * stderr takes more.
   */
  report(text: string): void {
    if (!this.#stderr.writableNeedDrain) this.warn(text);
    else if (this.#dropped++ === 0)
      this.#stderr.once('drain', () => {
        this.warn(`(${this.#dropped} more lines like these were not shown: stderr was backed up)`);
        this.#dropped = 0;
      });
  }

  /** Writes a line already made safe (escaped text, colours, JSON) to stdout. */
  #print(text: string): void {
    this.#stdout.write(`${text}\n`);
  }

  /** A state coloured for stdout. */
  #state(state: string): string {
    return paintState(this.#colors, state);
  }

  #cell(key: string, value: unknown): string {
    const text = plain(value);
    return value == null ? this.#colors.dim(text) : key === 'state' ? this.#state(text) : text;
  }
}

/** A state in its colour; unknown states stay plain, their control characters escaped. */
export function paintState(colors: Colors, state: string): string {
  const color = STATE_COLORS[state];
  return color ? colors[color](state) : escapeControls(state);
}

/** The spaces that make `text` `width` columns wide on a terminal: a wide character (CJK, emoji) takes two. */
const padding = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text)));

/** A value as one line of text, its control characters escaped: `-` for nothing, compact JSON for objects. */
function plain(value: unknown): string {
  if (value == null) return '-';
  return escapeControls(typeof value === 'object' ? JSON.stringify(value) : String(value));
}
