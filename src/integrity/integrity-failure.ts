/**
 * Why a clip's integrity check failed (docs/integrity-provenance.md): a stable `code` and what
 * failed (`target`), with the path, key id and hashes when they apply. It is the detail of the
 * player's `ine-integrity-error` event and what `npm run verify:clip` prints.
 */
export type IntegrityFailureCode =
  /** `integrity="required"` and the clip has no manifest (or it could not be fetched). */
  | 'manifest-missing'
  /** The manifest is not a well-formed provenance JWS. */
  | 'manifest-invalid'
  /** Signed by a key the published JWKS does not hold (or the JWKS could not be fetched). */
  | 'unknown-key'
  /** The signature does not match the manifest (it was altered after signing). */
  | 'bad-signature'
  /** A playlist or segment differs from the one signed. */
  | 'hash-mismatch'
  /** A file the player loaded (or found in the folder) is not listed in the manifest. */
  | 'not-covered'
  /** The manifest is for another clip. */
  | 'wrong-clip';

export type IntegrityTarget = 'manifest' | 'keys' | 'playlist' | 'segment';

export interface IntegrityFailureDetail {
  code: IntegrityFailureCode;
  target: IntegrityTarget;
  /** What failed, in English (the player's own message is translated; this is for logs). */
  message: string;
  path?: string;
  kid?: string;
  expected?: string;
  actual?: string;
}

export class IntegrityFailure extends Error {
  constructor(
    readonly code: IntegrityFailureCode,
    readonly target: IntegrityTarget,
    message: string,
    readonly extra: Pick<IntegrityFailureDetail, 'path' | 'kid' | 'expected' | 'actual'> = {},
  ) {
    super(message);
    this.name = 'IntegrityFailure';
  }

  get detail(): IntegrityFailureDetail {
    return { code: this.code, target: this.target, message: this.message, ...this.extra };
  }
}
