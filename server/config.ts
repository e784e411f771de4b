/**
 * The stand-in's settings: explicit options win, then environment variables (docs/stand-in.md), then the
 * documented defaults below. Every default is printed by `npm start` and listed in docs/stand-in.md.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { resolveLimits, type Limits } from './limits/settings.ts';

/** Default static key pair for server-side tools (the packager, the AWS CLI). Local use only. */
export const DEFAULT_ACCESS_KEY_ID = 'AKIAINELOCALSERVICE1';
export const DEFAULT_SECRET_ACCESS_KEY = 'ine-local-service-secret-do-not-use-on-aws';
/** Default password of the demo users `admin`, `uploader` and `viewer`. */
export const DEFAULT_DEMO_PASSWORD = 'ine-demo-2027';
export const DEFAULT_PORT = 4566;
export const DEFAULT_CDN_PORT = 4567;
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_BUCKET = 'ine-media';
/** Real Cognito issues credentials for one hour. */
export const DEFAULT_CREDENTIALS_TTL_SECONDS = 3600;
/** The developer provider name the broker (INE's backend) uses in `Logins`. */
export const DEVELOPER_PROVIDER_NAME = 'login.ine.local';
/** Cognito's limit on a developer user identifier (the user name in `Logins`). */
export const MAX_DEVELOPER_USER_LENGTH = 128;

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface ResolvedSettings {
  port: number;
  cdnPort: number;
  host: string;
  dataDir: string;
  region: string;
  bucket: string;
  credentialsTtlSeconds: number;
  demoPassword: string;
  accessKeyId: string;
  secretAccessKey: string;
  limits: Limits;
  /** Failover origin of the CDN (a copy of a data folder); undefined = no failover. */
  cdnReplicaDir?: string;
}

export interface SettingsInput {
  /** Main port (S3, Cognito, broker, config). Env INE_LOCAL_PORT, default 4566; 0 = random. */
  port?: number;
  /** CDN origin port. Env INE_CDN_PORT, default 4567; 0 = random. */
  cdnPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Env INE_LOCAL_DATA, default `<repo>/.local-data`. */
  dataDir?: string;
  /** Env INE_LOCAL_REGION, default us-east-1. */
  region?: string;
  /** Default ine-media. */
  bucket?: string;
  /** Lifetime of temporary credentials from GetCredentialsForIdentity; default 3600. */
  credentialsTtlSeconds?: number;
  /** Env INE_DEMO_PASSWORD, default below. */
  demoPassword?: string;
  /** Rate, timeout, connection and memory limits (server/limits/settings.ts: defaults and env names). */
  limits?: Partial<Limits>;
  /** Env INE_CDN_REPLICA_DIR: a copy of a data folder the CDN serves from when a primary read fails (failover rehearsal). */
  cdnReplicaDir?: string;
}

function envNumber(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${v}"`);
  return n;
}

export function resolveSettings(opts: SettingsInput = {}, env: NodeJS.ProcessEnv = process.env): ResolvedSettings {
  const ttl = opts.credentialsTtlSeconds ?? DEFAULT_CREDENTIALS_TTL_SECONDS;
  if (!(ttl > 0)) throw new Error('credentialsTtlSeconds must be positive');
  return {
    port: opts.port ?? envNumber('INE_LOCAL_PORT', env) ?? DEFAULT_PORT,
    cdnPort: opts.cdnPort ?? envNumber('INE_CDN_PORT', env) ?? DEFAULT_CDN_PORT,
    host: opts.host ?? '127.0.0.1',
    dataDir: resolve(opts.dataDir ?? (env.INE_LOCAL_DATA || resolve(REPO_ROOT, '.local-data'))),
    region: opts.region ?? (env.INE_LOCAL_REGION || DEFAULT_REGION),
    bucket: opts.bucket ?? DEFAULT_BUCKET,
    credentialsTtlSeconds: ttl,
    demoPassword: opts.demoPassword ?? (env.INE_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD),
    accessKeyId: env.INE_LOCAL_ACCESS_KEY_ID || DEFAULT_ACCESS_KEY_ID,
    secretAccessKey: env.INE_LOCAL_SECRET_ACCESS_KEY || DEFAULT_SECRET_ACCESS_KEY,
    limits: resolveLimits(opts.limits, env),
    cdnReplicaDir: opts.cdnReplicaDir ?? (env.INE_CDN_REPLICA_DIR ? resolve(env.INE_CDN_REPLICA_DIR) : undefined),
  };
}
