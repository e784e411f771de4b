/** The identity pool's persistent state: pool id, token secret, identities and developer logins. */
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

export class PoolState {
  private readonly file: StateFile<PoolDoc>;
  constructor(
    dir: string,
    readonly region: string,
  ) {
    this.file = new StateFile<PoolDoc>(join(dir, 'identity-pool.json'), () => ({
      version: 1,
      poolUuid: randomUUID(),
      tokenSecret: randomBytes(32).toString('base64url'),
      identities: {},
      developerLogins: {},
    }));
  }

  /** `<region>:<uuid>`, fixed per data folder. */
  get poolId(): string {
    return `${this.region}:${this.file.data.poolUuid}`;
  }
  get tokenSecret(): string {
    return this.file.data.tokenSecret;
  }
  identity(id: string): IdentityRecord | undefined {
    // Ids and logins come from requests: only the document's own entries count.
    return Object.hasOwn(this.file.data.identities, id) ? this.file.data.identities[id] : undefined;
  }
  identityForLogin(login: string): string | undefined {
    return Object.hasOwn(this.file.data.developerLogins, login) ? this.file.data.developerLogins[login] : undefined;
  }

  newIdentity(kind: IdentityRecord['kind'], login?: string): string {
    const id = `${this.region}:${randomUUID()}`;
    this.file.data.identities[id] = { kind, createdAt: new Date().toISOString(), ...(login ? { login } : {}) };
    if (login) this.file.data.developerLogins[login] = id;
    this.file.save();
    return id;
  }

  /** Link a developer login to an existing identity (it becomes authenticated). */
  link(identityId: string, login: string): void {
    const rec = this.identity(identityId);
    if (!rec) throw new Error(`unknown identity ${identityId}`);
    rec.kind = 'developer';
    rec.login = login;
    this.file.data.developerLogins[login] = identityId;
    this.file.save();
  }
}
