/**
 * OAuth 2.0 clients (systems such as the News Monitoring System), one JSON object each under a
 * private prefix of the bucket. Secrets are stored hashed (scrypt). Rotation issues a new secret and
 * keeps the previous one valid for a grace period, so a system can switch without downtime: at most
 * two secrets are valid at once.
 */
import { randomBytes } from 'node:crypto';
import type { RoleName } from '../../infra/policies/roles.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { clientSecretMatches, hashClientSecret, newClientSecret } from './client-secret.ts';
import type { Scope } from './scopes.ts';

export const CLIENTS_PREFIX = 'api/clients/';
/** How long the previous secret stays valid after a rotation, unless the caller says otherwise. */
export const DEFAULT_PREVIOUS_SECRET_SECONDS = 24 * 3600;
export const MAX_PREVIOUS_SECRET_SECONDS = 7 * 24 * 3600;

export interface StoredSecret {
  hash: string;
  createdAt: string;
  /** Set on the previous secret during a rotation. */
  expiresAt?: string;
}

export interface ClientRecord {
  clientId: string;
  name: string;
  role: RoleName;
  scopes: Scope[];
  /** Newest first; at most two. */
  secrets: StoredSecret[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** What the API shows of a client: never the hashes. */
export interface ClientView {
  clientId: string;
  name: string;
  role: RoleName;
  scopes: Scope[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  /** When the previous secret stops working (during a rotation). */
  previousSecretExpiresAt?: string;
}

export const clientKey = (id: string): string => `${CLIENTS_PREFIX}${id}.json`;
export const CLIENT_ID_PATTERN = '^ine_[0-9a-f]{20}$';

export function viewOf(c: ClientRecord): ClientView {
  const v: ClientView = {
    clientId: c.clientId,
    name: c.name,
    role: c.role,
    scopes: c.scopes,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    createdBy: c.createdBy,
  };
  const prev = c.secrets[1];
  if (prev?.expiresAt) v.previousSecretExpiresAt = prev.expiresAt;
  return v;
}

export interface ClientStore {
  create(input: { name: string; role: RoleName; scopes: Scope[]; createdBy: string }): Promise<{ client: ClientRecord; secret: string }>;
  get(clientId: string): Promise<ClientRecord | undefined>;
  list(): Promise<ClientRecord[]>;
  remove(clientId: string): Promise<void>;
  rotate(clientId: string, previousValidSeconds?: number): Promise<{ before: ClientRecord; client: ClientRecord; secret: string } | undefined>;
  /** The client when `secret` is one of its valid secrets. */
  authenticate(clientId: string, secret: string): Promise<ClientRecord | undefined>;
}

export function createClientStore(store: ObjectStore, now: () => number = Date.now): ClientStore {
  const iso = () => new Date(now()).toISOString();
  async function get(clientId: string): Promise<ClientRecord | undefined> {
    if (!new RegExp(CLIENT_ID_PATTERN).test(clientId)) return undefined;
    const got = await store.get(clientKey(clientId));
    return got ? (JSON.parse(got.body) as ClientRecord) : undefined;
  }
  return {
    async create({ name, role, scopes, createdBy }) {
      const secret = newClientSecret();
      const at = iso();
      const client: ClientRecord = {
        clientId: `ine_${randomBytes(10).toString('hex')}`,
        name,
        role,
        scopes,
        secrets: [{ hash: await hashClientSecret(secret), createdAt: at }],
        createdAt: at,
        updatedAt: at,
        createdBy,
      };
      await store.put(clientKey(client.clientId), JSON.stringify(client), { ifNoneMatch: '*' });
      return { client, secret };
    },
    get,
    async list() {
      const keys = await store.list(CLIENTS_PREFIX, { max: 10_000 });
      const out: ClientRecord[] = [];
      for (const k of keys) {
        const got = await store.get(k);
        if (got) out.push(JSON.parse(got.body) as ClientRecord);
      }
      return out;
    },
    async remove(clientId) {
      await store.delete(clientKey(clientId));
    },
    async rotate(clientId, previousValidSeconds = DEFAULT_PREVIOUS_SECRET_SECONDS) {
      const got = await store.get(clientKey(clientId));
      if (!got) return undefined;
      const before = JSON.parse(got.body) as ClientRecord;
      const secret = newClientSecret();
      const at = iso();
      const previous = before.secrets[0] ? [{ ...before.secrets[0], expiresAt: new Date(now() + previousValidSeconds * 1000).toISOString() }] : [];
      const client: ClientRecord = { ...before, secrets: [{ hash: await hashClientSecret(secret), createdAt: at }, ...previous], updatedAt: at };
      // Conditional: two rotations at once must not both believe their secret is the current one.
      await store.put(clientKey(clientId), JSON.stringify(client), { ifMatch: got.etag });
      return { before, client, secret };
    },
    async authenticate(clientId, secret) {
      const client = await get(clientId);
      if (!client) {
        // Same work as for a real client, so timing does not reveal which ids exist.
        await clientSecretMatches(secret, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
        return undefined;
      }
      for (const s of client.secrets) {
        if (s.expiresAt && Date.parse(s.expiresAt) <= now()) continue;
        if (await clientSecretMatches(secret, s.hash)) return client;
      }
      return undefined;
    },
  };
}
