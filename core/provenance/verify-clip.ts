/**
 * Verifies a clip's files against its provenance manifest (docs/integrity-provenance.md), for
 * `npm run verify:clip`: the signature with `jose` (an implementation independent of the
 * player's), the payload's shape, then every file the manifest lists, and any playlist or segment
 * present but not listed. Every failure is reported, not only the first.
 */
import { createHash } from 'node:crypto';
import { createLocalJWKSet, flattenedVerify, errors as joseErrors, type JSONWebKeySet } from 'jose';
import {
  PROVENANCE_ALG,
  PROVENANCE_TYP,
  isProvenanceCovered,
  provenancePayloadProblem,
  type FlattenedJws,
  type ProvenancePayload,
} from '../../src/contract/provenance.ts';
import type { IntegrityFailureDetail } from '../../src/integrity/integrity-failure.ts';

export interface ClipFiles {
  /** The bytes of a file of the clip's folder (a path relative to it), undefined when missing. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** Every file present (relative paths), when the source can list them (a directory can). */
  list?(): Promise<string[]>;
}

export interface ClipVerdict {
  ok: boolean;
  payload?: ProvenancePayload;
  kid?: string;
  /** Files whose hash matched. */
  verified: number;
  failures: IntegrityFailureDetail[];
}

export async function verifyClip(manifestText: string | undefined, jwks: JSONWebKeySet | undefined, files: ClipFiles): Promise<ClipVerdict> {
  const verdict = (failure: IntegrityFailureDetail): ClipVerdict => ({ ok: false, verified: 0, failures: [failure] });
  if (manifestText === undefined) return verdict({ code: 'manifest-missing', target: 'manifest', message: 'provenance.json is missing' });
  let jws: FlattenedJws;
  try {
    jws = JSON.parse(manifestText) as FlattenedJws;
  } catch {
    return verdict({ code: 'manifest-invalid', target: 'manifest', message: 'provenance.json is not JSON' });
  }
  let kid: string | undefined;
  let payload: ProvenancePayload;
  try {
    const res = await flattenedVerify(jws, createLocalJWKSet(jwks ?? { keys: [] }), { algorithms: [PROVENANCE_ALG] });
    kid = res.protectedHeader?.kid;
    if (res.protectedHeader?.typ !== PROVENANCE_TYP)
      return verdict({ code: 'manifest-invalid', target: 'manifest', message: `typ is not ${PROVENANCE_TYP}` });
    payload = JSON.parse(new TextDecoder().decode(res.payload)) as ProvenancePayload;
  } catch (e) {
    kid ??= (() => {
      try {
        return (JSON.parse(Buffer.from(jws.protected, 'base64url').toString('utf8')) as { kid?: string }).kid;
      } catch {
        return undefined;
      }
    })();
    if (e instanceof joseErrors.JWKSNoMatchingKey)
      return verdict({
        code: 'unknown-key',
        target: 'keys',
        message: `signed by key "${kid}", which the JWKS does not hold`,
        ...(kid ? { kid } : {}),
      });
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      return verdict({
        code: 'bad-signature',
        target: 'manifest',
        message: `the signature does not match key "${kid}": the manifest was altered`,
        ...(kid ? { kid } : {}),
      });
    return verdict({ code: 'manifest-invalid', target: 'manifest', message: (e as Error).message });
  }
  const problem = provenancePayloadProblem(payload);
  if (problem) return verdict({ code: 'manifest-invalid', target: 'manifest', message: problem });

  const failures: IntegrityFailureDetail[] = [];
  let verified = 0;
  for (const [path, expected] of Object.entries(payload.files)) {
    const target = path.endsWith('.m3u8') ? 'playlist' : 'segment';
    const bytes = await files.read(path);
    if (!bytes) {
      failures.push({ code: 'hash-mismatch', target, path, expected, message: `${path} is missing` });
      continue;
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual === expected) verified++;
    else failures.push({ code: 'hash-mismatch', target, path, expected, actual, message: `${path} differs from the file signed at packaging` });
  }
  for (const path of (await files.list?.()) ?? []) {
    if (isProvenanceCovered(path) && !(path in payload.files))
      failures.push({
        code: 'not-covered',
        target: path.endsWith('.m3u8') ? 'playlist' : 'segment',
        path,
        message: `${path} is not in the manifest`,
      });
  }
  return { ok: failures.length === 0, payload, ...(kid ? { kid } : {}), verified, failures };
}
