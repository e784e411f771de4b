/**
 * The identity pool's persistent state: pool id, token secret, identities and developer logins.
 * Each new or linked identity is one journal line (server/auth/state-file.ts), so a GetId costs the
 * same however many identities the pool already has.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StateFile } from '../auth/state-file.ts';

export interface IdentityRecord {
  kind: 'unauthenticated' | 'developer';
  createdAt: string;
  /** `<provider>/<user>` for developer identities. */
  login?: string;
}

interface PoolDoc {
  version: 1;
  poolUuid: string;
  tokenSecret: string;
  identities: Record<string, IdentityRecord>;
  /** `<provider>/<user>` → identity id. */
  developerLogins: Record<string, string>;
}

/** One journal line: an identity's whole record (new, or now linked to a login). */
interface IdentityEntry {
  id: string;
  record: IdentityRecord;
}

function applyEntry(doc: PoolDoc, { id, record }: IdentityEntry): void {
  doc.identities[id] = record;
  if (record.login) doc.developerLogins[record.login] = id;
}

export class PoolState {
  private readonly file: StateFile<PoolDoc, IdentityEntry>;
  constructor(
    dir: string,
    readonly region: string,
  ) {
    this.file = new StateFile<PoolDoc, IdentityEntry>(
      join(dir, 'identity-pool.json'),
      () => ({
        version: 1,
        poolUuid: randomUUID(),
        tokenSecret: randomBytes(32).toString('base64url'),
        identities: {},
        developerLogins: {},
      }),
      { apply: applyEntry },
    );
  }

  /** `<region>:<uuid>`, fixed per data folder. */
  get poolId(): string {
    return `${this.region}:${this.file.data.poolUuid}`;
  }
  get tokenSecret(): string {
    return this.file.data.tokenSecret;
  }
  // Ids and logins come from callers: own properties only, never the prototype's.
  identity(id: string): IdentityRecord | undefined {
    const all = this.file.data.identities;
    return Object.hasOwn(all, id) ? all[id] : undefined;
  }
  identityForLogin(login: string): string | undefined {
    const all = this.file.data.developerLogins;
    return Object.hasOwn(all, login) ? all[login] : undefined;
  }

  newIdentity(kind: IdentityRecord['kind'], login?: string): string {
    const id = `${this.region}:${randomUUID()}`;
    this.file.append({ id, record: { kind, createdAt: new Date().toISOString(), ...(login ? { login } : {}) } });
    return id;
  }

  /** Link a developer login to an existing identity (it becomes authenticated). */
  link(identityId: string, login: string): void {
    const rec = this.identity(identityId);
    if (!rec) throw new Error(`unknown identity ${identityId}`);
    this.file.append({ id: identityId, record: { ...rec, kind: 'developer', login } });
  }
}
