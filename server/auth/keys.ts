/**
 * Access keys the stand-in knows: the static service pair (server-side tools, role `service`) and the
 * temporary keys it issued through Cognito (`ASIA…`, with a session token and an expiry). Issued keys
 * persist in the data folder so a restart keeps them valid until they expire.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StateFile } from './state-file.ts';

import type { PrincipalRole } from '../../infra/policies/roles.ts';

export type { PrincipalRole };

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  role: PrincipalRole;
  /** Cognito identity id, for temporary keys. */
  identityId?: string;
  /** Temporary keys only. */
  sessionToken?: string;
  /** Epoch milliseconds; temporary keys only. */
  expiresAt?: number;
}

interface KeysDoc {
  version: 1;
  keys: Record<string, AccessKey>;
}

/** Expired keys are kept this long (to answer `ExpiredToken` rather than "unknown key"), then dropped. */
const KEEP_EXPIRED_MS = 7 * 24 * 3600_000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += BASE32[b & 31];
  return s;
}

export class KeyStore {
  private readonly file: StateFile<KeysDoc, AccessKey>;
  readonly staticKey: AccessKey;

  constructor(dir: string, staticKey: { accessKeyId: string; secretAccessKey: string }) {
    this.staticKey = { ...staticKey, role: 'service' };
    // One journal line per issued key (its cost does not grow with the keys issued before it);
    // long-expired keys are dropped whenever the journal is folded into a new snapshot.
    this.file = new StateFile<KeysDoc, AccessKey>(join(dir, 'keys.json'), () => ({ version: 1, keys: {} }), {
      apply: (doc, key) => {
        doc.keys[key.accessKeyId] = key;
      },
      prune: (doc) => {
        const now = Date.now();
        for (const [id, k] of Object.entries(doc.keys)) {
          if (k.expiresAt !== undefined && k.expiresAt + KEEP_EXPIRED_MS < now) delete doc.keys[id];
        }
      },
    });
  }

  get(accessKeyId: string): AccessKey | undefined {
    if (accessKeyId === this.staticKey.accessKeyId) return this.staticKey;
    // The id comes from the request: `__proto__` or `constructor` must be unknown keys, not Object's own.
    return Object.hasOwn(this.file.data.keys, accessKeyId) ? this.file.data.keys[accessKeyId] : undefined;
  }

  /** Issue temporary credentials for a role, as STS does for Cognito's GetCredentialsForIdentity. */
  issue(role: PrincipalRole, identityId: string, ttlSeconds: number): Required<AccessKey> {
    const key: Required<AccessKey> = {
      accessKeyId: `ASIA${base32(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJ${randomBytes(96).toString('base64')}`,
      role,
      identityId,
      // Whole seconds: Cognito reports Expiration in epoch seconds.
      expiresAt: Math.floor(Date.now() / 1000 + ttlSeconds) * 1000,
    };
    this.file.append(key);
    return key;
  }
}
