/**
 * Where a clip's provenance manifest and the platform's provenance keys are (docs/integrity-provenance.md).
 * A module of its own: the player's script-tag loader plans these URLs and needs nothing else of
 * the manifest's contract (provenance.ts).
 */

/** The manifest's name in the clip's folder. */
export const PROVENANCE_FILE = 'provenance.json';
/** The JWKS of the provenance keys, at this path under the CDN base (a fixed, documented path). */
export const PROVENANCE_JWKS_PATH = 'keys/provenance-jwks.json';
