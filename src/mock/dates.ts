/** The mock's instants: stored stamps and date filters compared as keys that sort as time does. */
import { DATE_FILTER_FORMAT } from './choices';
import { invalidParameter } from './respond';

/**
 * An instant in ISO 8601 UTC (`…T12:59:57.168354Z`) as a key that sorts as time does: the date and time, then the
 * fraction of a second to nine digits. Compared this way, as the API compares, microseconds count.
 */
export const instantKey = (iso: string): string => {
  const [whole = '', fraction = ''] = iso.slice(0, -1).split('.');
  return `${whole}.${fraction.padEnd(9, '0')}`;
};

/** Minutes east of UTC of a zone written `Z`, `±HH:MM` or `±HHMM`; undefined for hours or minutes out of range. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(-2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * A datetime filter's instant as an `instantKey`, in any form of `DATE_FILTER_FORMAT`: a date is midnight UTC, a time
 * without a zone is UTC, an offset is taken away. A date or time that does not exist, or an instant outside years
 * 0000-9999 once in UTC, is a 400 naming `name`.
 */
export function readInstant(raw: string, name: string): string {
  const bad = () => invalidParameter(name, 'Enter a valid ISO 8601 date or date/time, e.g. 2020-03-01T00:00:00Z.');
  const match = DATE_FILTER_FORMAT.exec(raw);
  if (!match) throw bad();
  const [, year = '', month = '', day = '', hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  const offset = offsetMinutes(zone);
  const local = new Date(0);
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  local.setUTCHours(Number(hour), Number(minute), Number(second));
  // setUTC* rolls 2020-02-30 over to March 1 and 24:00 to the next day: the fields must come back unchanged.
  if (
    offset === undefined ||
    local.toISOString().slice(0, 19) !== `${year}-${month}-${day}T${hour}:${minute}:${second}`
  )
    throw bad();
  const utc = new Date(local.getTime() - offset * 60_000).toISOString();
  if (!/^\d{4}-/.test(utc)) throw bad();
  return `${utc.slice(0, 19)}.${fraction.padEnd(9, '0')}`;
}
