// Shared helpers of the <ine-uploader> browser tests: the stand-in's env, logins, real mp4 files
// made by ffmpeg on the server, and an S3 client with the stand-in's static keys to read back what
// the uploader wrote (the server-side tools' credentials, not the uploader's).
import { executeServerCommand } from '@web/test-runner-commands';
import { S3Client, GetObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, ListPartsCommand } from '@aws-sdk/client-s3';
import { loginWithPassword, resetSharedCredentials } from '../../../src/auth/index.js';
import { DEFAULT_CONFIG, mergeConfig } from '../../../src/config/config.js';
import type { IneConfig, LoginToken } from '../../../src/config/types.js';
export { waitFor } from '../support/wait.js';
export { axeViolations } from '../support/axe.js';

export interface StandInEnv {
  config: {
    region: string;
    identityPoolId: string;
    bucket: string;
    s3Endpoint: string;
    cognitoEndpoint: string;
    cdnBaseUrl: string;
    authUrl: string;
  };
  urls: { s3: string; cdn: string; auth: string; config: string };
  staticCredentials: { accessKeyId: string; secretAccessKey: string };
  demoPassword: string;
}

export const MIB = 1024 * 1024;

// Keep every request in Resource Timing (the default buffer holds 250), so tests can count them.
performance.setResourceTimingBufferSize(100_000);

let shared: Promise<StandInEnv> | undefined;
/** The run's shared stand-in (test/browser/plugins/stand-in.mjs); a private one if that plugin is absent. */
export function sharedEnv(): Promise<StandInEnv> {
  return (shared ??= fetch('/__ine__/env.json').then(async (r) => (r.ok ? ((await r.json()) as StandInEnv) : privateEnv())));
}

/**
 * A private stand-in started by our own plugin (test/browser/plugins/uploader.mjs): used where a
 * test stops the server or needs credentials with a short lifetime, so nothing else is disturbed.
 */
export async function privateEnv(ttlSeconds = 3600): Promise<StandInEnv> {
  return (await executeServerCommand<StandInEnv, { ttl: number }>('ine-uploader-private-start', { ttl: ttlSeconds }))!;
}
export const privateStop = () => executeServerCommand('ine-uploader-private-stop-listening');
export const privateStart = () => executeServerCommand('ine-uploader-private-start-listening');
export const privateClose = () => executeServerCommand('ine-uploader-private-close');

export function login(env: StandInEnv, role: 'admin' | 'uploader' | 'viewer'): Promise<LoginToken> {
  return loginWithPassword(env.config.authUrl, role, env.demoPassword);
}

/** The configuration a page would have after logging in, with small parts for small test files. */
export function configFor(env: StandInEnv, token: LoginToken, upload: Partial<IneConfig['upload']> = {}): IneConfig {
  resetSharedCredentials();
  return mergeConfig(DEFAULT_CONFIG, { ...env.config, loginToken: async () => token, upload: { minPartSize: 5 * MIB, concurrency: 3, ...upload } });
}

/** A real H.264 mp4 of about `bytes`, made by ffmpeg on the server, as a File. */
export async function realMp4(
  bytes: number,
  name = `clip-${Math.random().toString(36).slice(2)}.mp4`,
  format: 'mp4' | 'mov' | 'webm' = 'mp4',
): Promise<File> {
  const made = (await executeServerCommand<{ url: string; size: number }, { bytes: number; name: string; format: string }>('ine-uploader-make-mp4', {
    bytes,
    name,
    format,
  }))!;
  const blob = await (await fetch(made.url)).blob();
  if (blob.size !== made.size) throw new Error(`fetched ${blob.size} of ${made.size} bytes`);
  return new File([blob], name, { type: 'video/mp4', lastModified: Date.now() - Math.floor(Math.random() * 1e6) });
}

/** ListParts with the static keys: what S3 holds of an upload in progress. */
export async function partsOnS3(env: StandInEnv, key: string, uploadId: string): Promise<number[]> {
  const out = await toolClient(env).send(new ListPartsCommand({ Bucket: env.config.bucket, Key: key, UploadId: uploadId }));
  return (out.Parts ?? []).map((p) => p.PartNumber!);
}

/** Read the bucket with the stand-in's static keys (what the packager would use). */
export function toolClient(env: StandInEnv): S3Client {
  return new S3Client({
    region: env.config.region,
    endpoint: env.config.s3Endpoint,
    forcePathStyle: true,
    credentials: env.staticCredentials,
  });
}

export async function getBytes(env: StandInEnv, key: string): Promise<{ bytes: Uint8Array; metadata: Record<string, string> }> {
  const out = await toolClient(env).send(new GetObjectCommand({ Bucket: env.config.bucket, Key: key }));
  return { bytes: await out.Body!.transformToByteArray(), metadata: out.Metadata ?? {} };
}

export async function getJson<T>(env: StandInEnv, key: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode((await getBytes(env, key)).bytes)) as T;
}

/** Multipart uploads in progress under `prefix`. */
export async function multipartUploads(env: StandInEnv, prefix: string): Promise<Array<{ Key?: string; UploadId?: string }>> {
  const out = await toolClient(env).send(new ListMultipartUploadsCommand({ Bucket: env.config.bucket, Prefix: prefix }));
  return out.Uploads ?? [];
}

export async function objectKeys(env: StandInEnv, prefix: string): Promise<string[]> {
  const out = await toolClient(env).send(new ListObjectsV2Command({ Bucket: env.config.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Requests this page made to the S3 endpoint so far (Resource Timing). */
export function s3Requests(env: StandInEnv): number {
  const base = env.config.s3Endpoint.replace(/\/$/, '');
  // Reads of status documents ("Mis envíos" following earlier uploads) are not sending anything.
  return performance.getEntriesByType('resource').filter((e) => e.name.startsWith(base + '/') && !e.name.includes('.status.json')).length;
}
