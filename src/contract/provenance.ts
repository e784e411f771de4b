/**
 * The provenance manifest of a clip (docs/integrity-provenance.md): written and signed at
 * packaging (`media/<id>/provenance.json`), verified by `<ine-player>` as it loads and by
 * `npm run verify:clip` offline. One definition of its shape and of which files it covers, shared
 * by the packaging core, the player's verifier and the CLI.
 *
 * The file is a JWS in the flattened JSON serialization (RFC 7515 §7.2.2: `protected`, `payload`,
 * `signature`), ES256, so any JOSE library verifies it with the public keys at
 * `PROVENANCE_JWKS_PATH` on the CDN.
 */

import { PROVENANCE_FILE } from './provenance-paths.js';

export { PROVENANCE_FILE, PROVENANCE_JWKS_PATH } from './provenance-paths.js';
export const PROVENANCE_VERSION = 1;
/** The JWS `typ` of a provenance manifest (its protected header says what it is). */
export const PROVENANCE_TYP = 'ine-provenance+json';
export const PROVENANCE_ALG = 'ES256';

/** What is signed. Paths are relative to the clip's folder (`media/<id>/`). */
export interface ProvenancePayload {
  schemaVersion: typeof PROVENANCE_VERSION;
  videoId: string;
  source: {
    /** Lowercase hex SHA-256 of the original upload (computed in the browser, verified at packaging). */
    sha256: string;
    size: number;
    uploadedAt: string;
  };
  packagedAt: string;
  packager: string;
  /** Lowercase hex SHA-256 of every playlist, init segment and media segment, by path. */
  files: Record<string, string>;
}

/** The flattened JWS JSON serialization (what `provenance.json` holds). */
export interface FlattenedJws {
  protected: string;
  payload: string;
  signature: string;
}

/** Playlists and segments (init ones included): what the manifest covers and the player checks. */
const COVERED = /\.(m3u8|m4s|mp4|m4a|ts|aac|mp3)$/i;

/**
 * Whether a file of the clip's folder is covered by its manifest: the renditions' playlists and
 * segments. The clip record (`video.json`, edited by admins after packaging) and the manifest itself
 * are not; neither are the poster, the storyboard and the sidecar captions (docs/integrity-provenance.md).
 */
export const isProvenanceCovered = (path: string): boolean =>
  COVERED.test(path) && path !== 'video.json' && path !== PROVENANCE_FILE && !path.startsWith('frames/');

const HEX64 = /^[0-9a-f]{64}$/;
const PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]{1,300}$/;
/** Most files a manifest may list (a 6-hour clip at 2 s segments, several renditions, fits). */
export const MAX_PROVENANCE_FILES = 200_000;

/** Why a decoded payload is not a provenance manifest, or undefined when it is one. */
export function provenancePayloadProblem(p: unknown): string | undefined {
  if (!p || typeof p !== 'object') return 'the payload is not an object';
  const v = p as Partial<ProvenancePayload>;
  if (v.schemaVersion !== PROVENANCE_VERSION) return `unsupported schemaVersion ${String(v.schemaVersion)}`;
  if (typeof v.videoId !== 'string' || !v.videoId) return 'videoId is missing';
  const s = v.source;
  if (!s || typeof s.sha256 !== 'string' || !HEX64.test(s.sha256) || typeof s.size !== 'number' || typeof s.uploadedAt !== 'string')
    return 'source is missing or malformed';
  if (typeof v.packagedAt !== 'string' || typeof v.packager !== 'string') return 'packagedAt or packager is missing';
  if (!v.files || typeof v.files !== 'object') return 'files is missing';
  const entries = Object.entries(v.files);
  if (entries.length > MAX_PROVENANCE_FILES) return 'too many files';
  for (const [path, hash] of entries) {
    if (!PATH.test(path)) return `bad file path ${JSON.stringify(path.slice(0, 80))}`;
    if (typeof hash !== 'string' || !HEX64.test(hash)) return `bad hash for ${path}`;
  }
  return undefined;
}
