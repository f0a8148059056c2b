/**
 * A signed URL's query is a credential: errors name the file without it, and hide it in what a server or the platform
 * says, whole and each credential's value (a storage server may echo one alone, as S3 does); a date or an algorithm
 * stays, as one may explain the error (S3's `RequestTimeTooSkewed`).
 */
import type { Hide } from './hidden-copy';
import { REDACTED } from './redact';

/** The shortest value of a signed URL's query hidden in errors: shorter ones would hide ordinary words. */
const MIN_HIDDEN_VALUE = 8;
/** Query parameters of a signed URL that hold a credential (`X-Amz-Signature`, Azure's `sig`, `X-Goog-Credential`). */
const CREDENTIAL_PARAMETER = /^sig$|signature|token|credential|key|policy|secret|auth/i;
/**
 * A field of a URL's query in a text: its name (no `?`, or a run of them would each be read to the text's end) and
 * value (which ends where a message's punctuation begins).
 */
const QUERY_FIELD = /([?&]([^=&#?\s]+)=)[^&#\s"'<>()[\]]+/g;

/**
 * A function that hides the credentials of `urls` in a text (each query whole, and each credential's value in every
 * form the transport's `redactWith` knows, in the one pass that hides the token: one inside another is hidden whole),
 * and those of any other URL in it: a redirect leads to a URL the SDK was never given.
 */
export function credentialHider(redactWith: (secrets: string[]) => Hide, ...urls: string[]): Hide {
  const values = urls.flatMap((url) => {
    const { search, searchParams } = new URL(url);
    const credentials = [...searchParams].filter(([name]) => CREDENTIAL_PARAMETER.test(name));
    return [search.slice(1), ...credentials.map(([, value]) => value)];
  });
  const hideKnown = redactWith(values.filter((value) => value.length >= MIN_HIDDEN_VALUE));
  return (text) =>
    hideKnown(text).replace(QUERY_FIELD, (field, start: string, name: string) =>
      CREDENTIAL_PARAMETER.test(name) ? start + REDACTED : field,
    );
}
