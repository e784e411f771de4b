/**
 * Verifies a clip's provenance manifest and the bytes the player loads against it
 * (docs/integrity-provenance.md). DOM-free, Web Crypto only (the browser and Node both have it):
 * the player loads it as a chunk of its own when a clip has a manifest, never in the first download.
 *
 * The signature check is plain ES256 over the JWS signing input, which is what any JOSE library does
 * (the CLI checks the same manifests with `jose`); no JOSE library is shipped to viewers for it.
 */
import { PROVENANCE_ALG, PROVENANCE_TYP, provenancePayloadProblem, type FlattenedJws, type ProvenancePayload } from '../contract/provenance.js';
import { IntegrityFailure } from './integrity-failure.js';

export interface PublicJwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  kid?: string;
  alg?: string;
  use?: string;
}

export interface VerifiedProvenance {
  payload: ProvenancePayload;
  /** The key that signed it (its `kid` in the JWKS). */
  kid: string;
}

const fromB64url = (s: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};
const decodeJson = (s: string): unknown => JSON.parse(new TextDecoder().decode(fromB64url(s)));
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Lowercase hex SHA-256 of some bytes (a string is hashed as its UTF-8 bytes). */
export async function sha256Hex(data: ArrayBuffer | ArrayBufferView | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Parses `provenance.json`'s text as a flattened JWS; throws `manifest-invalid` when it is not one. */
export function parseProvenanceFile(text: string): FlattenedJws {
  let v: Partial<FlattenedJws>;
  try {
    v = JSON.parse(text) as Partial<FlattenedJws>;
  } catch {
    throw new IntegrityFailure('manifest-invalid', 'manifest', 'The provenance manifest is not JSON.');
  }
  for (const part of ['protected', 'payload', 'signature'] as const) {
    if (typeof v?.[part] !== 'string' || !B64URL.test(v[part])) {
      throw new IntegrityFailure('manifest-invalid', 'manifest', `The provenance manifest has no valid "${part}".`);
    }
  }
  return v as FlattenedJws;
}

/**
 * Checks the manifest's signature with the key its `kid` names in `jwks`, then its payload's shape.
 * Throws an IntegrityFailure: `unknown-key`, `bad-signature` or `manifest-invalid`.
 */
export async function verifyProvenance(jws: FlattenedJws, jwks: { keys?: PublicJwk[] }): Promise<VerifiedProvenance> {
  let header: { alg?: unknown; kid?: unknown; typ?: unknown };
  try {
    header = decodeJson(jws.protected) as typeof header;
  } catch {
    throw new IntegrityFailure('manifest-invalid', 'manifest', 'The provenance manifest’s header cannot be read.');
  }
  if (header.alg !== PROVENANCE_ALG || header.typ !== PROVENANCE_TYP || typeof header.kid !== 'string') {
    throw new IntegrityFailure(
      'manifest-invalid',
      'manifest',
      `The provenance manifest’s header is not ${PROVENANCE_ALG} ${PROVENANCE_TYP} with a key id.`,
    );
  }
  const kid = header.kid;
  const jwk = (Array.isArray(jwks?.keys) ? jwks.keys : []).find((k) => k.kid === kid);
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new IntegrityFailure('unknown-key', 'keys', `The manifest is signed by key "${kid}", which is not one of the platform's published keys.`, {
      kid,
    });
  }
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'verify',
  ]);
  const input = new TextEncoder().encode(`${jws.protected}.${jws.payload}`);
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, fromB64url(jws.signature), input);
  if (!ok)
    throw new IntegrityFailure('bad-signature', 'manifest', `The provenance manifest's signature does not match key "${kid}": it was altered.`, {
      kid,
    });
  let payload: unknown;
  try {
    payload = decodeJson(jws.payload);
  } catch {
    throw new IntegrityFailure('manifest-invalid', 'manifest', 'The provenance manifest’s payload cannot be read.');
  }
  const problem = provenancePayloadProblem(payload);
  if (problem) throw new IntegrityFailure('manifest-invalid', 'manifest', `The provenance manifest is malformed: ${problem}.`);
  return { payload: payload as ProvenancePayload, kid };
}

/** Which kind of file a path is, for messages and the event's detail. */
export const targetOf = (path: string): 'playlist' | 'segment' => (path.endsWith('.m3u8') ? 'playlist' : 'segment');

/**
 * Checks loaded files against a verified manifest. `folderUrl`: the clip folder's URL (ending in
 * `/`); a URL outside it, or a file the manifest does not list, fails as `not-covered`.
 */
export class ClipVerifier {
  /** Files whose hash matched. */
  checked = 0;

  constructor(
    readonly verified: VerifiedProvenance,
    readonly folderUrl: string,
  ) {}

  pathOf(url: string): string | undefined {
    const clean = url.split(/[?#]/)[0]!;
    if (!clean.startsWith(this.folderUrl)) return undefined;
    try {
      return decodeURIComponent(clean.slice(this.folderUrl.length));
    } catch {
      return undefined;
    }
  }

  /** Resolves when `data` is the file the manifest signed for `url`; throws an IntegrityFailure otherwise. */
  async check(url: string, data: ArrayBuffer | ArrayBufferView | string): Promise<void> {
    const path = this.pathOf(url);
    const expected = path === undefined ? undefined : this.verified.payload.files[path];
    if (path === undefined || expected === undefined) {
      throw new IntegrityFailure(
        'not-covered',
        path?.endsWith('.m3u8') ? 'playlist' : 'segment',
        `${path ?? url} is not in the clip's provenance manifest.`,
        {
          path: path ?? url,
        },
      );
    }
    const actual = await sha256Hex(data);
    if (actual !== expected) {
      const target = targetOf(path);
      throw new IntegrityFailure('hash-mismatch', target, `The ${target} ${path} is not the one signed at packaging: it was altered.`, {
        path,
        expected,
        actual,
      });
    }
    this.checked++;
  }
}
