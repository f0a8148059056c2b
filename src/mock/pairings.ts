/**
 * Relay pairings: which instance each pairing code paired, per organisation, as the Relay service would know it. A
 * code is a credential: it is held here only, never in an identifier, an answer or `api.store`.
 */
import { relayIdentifier } from './choices';

/** The codes each organisation paired, and the identifier of the instance each code paired. */
export class RelayPairings {
  readonly #paired = new Map<string, Map<string, string>>();

  /**
   * The identifier of the instance `code` paired in `organisation`: the one it paired before, else the next one that
   * is none of `taken` (the identifiers of the organisation's Relay instances, some named by hand).
   */
  identifier(organisation: string, code: string, taken: ReadonlySet<string>): string {
    const codes = this.#paired.get(organisation);
    const paired = codes?.get(code);
    if (paired !== undefined) return paired;
    let n = (codes?.size ?? 0) + 1;
    while (taken.has(relayIdentifier(n))) n++;
    return relayIdentifier(n);
  }

  /**
   * Records that `code` paired the instance `identifier` (once a session on it was made). A new code pairs a new
   * instance, a source the store keeps and bounds, so there are never more pairings than Relay instances.
   */
  pair(organisation: string, code: string, identifier: string): void {
    const codes = this.#paired.get(organisation) ?? new Map<string, string>();
    if (!codes.has(code)) codes.set(code, identifier);
    this.#paired.set(organisation, codes);
  }

  /** Forgets every pairing. */
  clear(): void {
    this.#paired.clear();
  }
}
