/**
 * The stand-in's packager (docs/packaging.md): when an upload manifest
 * (`uploads/<identity>/<upload>.json`) is created in the bucket, a job is queued (persisted under
 * `<dataDir>/packager/`) and run — 2 at a time by default (`INE_PACKAGER_CONCURRENCY`), fairly
 * between uploaders, each within the packaging limits (limits.ts) — with ffmpeg, or with the pure-Node remux when ffmpeg is missing (`INE_PACKAGER_FORCE_REMUX=1`).
 * Storage is reached only through the AWS SDK with the service credentials, like the Lambdas on AWS.
 * Nothing here may crash the stand-in: every failure is caught and logged.
 */
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { StandIn } from '../index.ts';
import { failJobForGood, reconcile, runPackagingJob, type JobContext } from './job.js';
import { resolveLimits, type PackagingLimits } from '../../packaging/limits.js';
import { JobQueue } from './queue.js';
import { isManifestKey } from '../../packaging/record.js';
import { REMUX_NOTE } from '../../packaging/remux.js';
import { detectFfmpeg } from '../../packaging/tools.js';
import { NO_EVENTS, emitPackagingOutcome, type EventSink } from '../../core/events/index.ts';
import { readOrCreateKeyFile } from '../../core/auth/key-file.ts';
import { localProvenanceSigner } from '../../packaging/provenance-signer.js';
import { publishProvenanceJwks } from '../../packaging/provenance-write.js';

export interface Packager {
  close(): Promise<void>;
  /** Resolves when nothing is queued or running (tests wait on it). */
  idle(): Promise<void>;
}

export interface PackagerOptions {
  standIn: Pick<StandIn, 'config' | 'urls' | 'staticCredentials' | 'dataDir' | 'events'> & { audit?: Pick<StandIn['audit'], 'log'> };
  log?: (m: string) => void;
  /** `remux` forces the pure-Node fallback (as env INE_PACKAGER_FORCE_REMUX=1 does). */
  mode?: 'auto' | 'remux';
  /** Jobs at once. Default: env INE_PACKAGER_CONCURRENCY, else 2; at most MAX_CONCURRENCY. */
  concurrency?: number;
  /** Overrides of the packaging limits (default: limits.ts, then the environment). */
  limits?: Partial<PackagingLimits>;
  /** Told `clip.ready` / `clip.failed` when a job ends (the stand-in passes its webhook dispatcher). */
  events?: EventSink;
}

export const DEFAULT_CONCURRENCY = 2;
/** Each job is one ffmpeg using every core: more at once only shares the same cores. */
export const MAX_CONCURRENCY = 8;

/** Unexpected (infrastructure) errors are retried this many times before the clip is marked failed. */
export const MAX_ATTEMPTS = 3;

interface ObjectCreated {
  bucket: string;
  key: string;
}

/** Quiet under `node --test` (unless INE_PACKAGER_VERBOSE=1), console otherwise. */
export const defaultLog = (m: string) => {
  if (!process.env.NODE_TEST_CONTEXT || process.env.INE_PACKAGER_VERBOSE === '1') console.log(m);
};

/** One S3 client per stand-in, with the service role's static keys (allowed everything). */
export function serviceS3Client(standIn: PackagerOptions['standIn']): S3Client {
  return new S3Client({
    region: standIn.config.region,
    endpoint: standIn.urls.s3,
    forcePathStyle: true,
    credentials: standIn.staticCredentials,
    maxAttempts: 3,
  });
}

export async function startPackager(opts: PackagerOptions): Promise<Packager> {
  const { standIn } = opts;
  const log = opts.log ?? defaultLog;
  const concurrency = Math.min(
    MAX_CONCURRENCY,
    Math.max(1, Math.floor(opts.concurrency ?? (Number(process.env.INE_PACKAGER_CONCURRENCY) || DEFAULT_CONCURRENCY))),
  );
  const limits = resolveLimits(opts.limits);
  const forced = opts.mode === 'remux' || process.env.INE_PACKAGER_FORCE_REMUX === '1';
  const tools = forced ? null : await detectFfmpeg();
  if (!tools) log(`packager: ${forced ? 'remux forced' : 'ffmpeg/ffprobe not found'}: ${REMUX_NOTE}`);
  const s3 = serviceS3Client(standIn);
  const bucket = standIn.config.bucket;
  const root = join(standIn.dataDir, 'packager');
  const sink = opts.events ?? NO_EVENTS;
  // A webhook problem never fails a packaging job: the clip's record is already written.
  const report = (outcome: Parameters<typeof emitPackagingOutcome>[1]) =>
    emitPackagingOutcome(sink, outcome).catch((e: unknown) => log(`packager: could not report clip ${outcome.id}: ${(e as Error).message}`));
  // The provenance key (docs/integrity-provenance.md): its own key file, created on first start;
  // its public key is published on the CDN before any job signs with it.
  const provenance = await localProvenanceSigner(await readOrCreateKeyFile(join(root, 'provenance-signing-keys.json')));
  await publishProvenanceJwks(s3, bucket, provenance);
  const ctxFor = (signal: AbortSignal): JobContext => ({
    s3,
    bucket,
    workRoot: join(root, 'work'),
    tools,
    log,
    signal,
    limits,
    provenance,
    ...(standIn.audit ? { audit: standIn.audit.log } : {}),
  });

  const queue = new JobQueue(
    join(root, 'jobs'),
    concurrency,
    async (job, signal) => {
      const ctx = ctxFor(signal);
      try {
        await report(await runPackagingJob(ctx, job.manifestKey));
        return 'done';
      } catch (e) {
        if (signal.aborted) throw e;
        if (job.attempts + 1 < MAX_ATTEMPTS) {
          log(`packager: ${job.manifestKey}: ${(e as Error).message}; retrying`);
          return 'retry';
        }
        try {
          const failure = await failJobForGood(ctx, job.manifestKey, e);
          await report({ status: 'failed', ...failure });
        } catch (e2) {
          log(`packager: could not record the failure of ${job.manifestKey}: ${(e2 as Error).message}`);
        }
        return 'done';
      }
    },
    log,
  );

  const onCreated = (ev: ObjectCreated) => {
    if (ev.bucket !== bucket || !isManifestKey(ev.key)) return;
    queue.enqueue(ev.key).catch((e: unknown) => log(`packager: could not queue ${ev.key}: ${(e as Error).message}`));
  };
  standIn.events.on('object-created', onCreated);
  const resumed = await queue.load();
  if (resumed) log(`packager: resuming ${resumed} unfinished job(s)`);
  // Manifests created while no packager listened (stand-in started with `packager: false`, or a
  // crash between the upload and the job file) are found once at start; no polling afterwards.
  reconcile({ s3, bucket, log }, (key) => queue.enqueue(key))
    .then((n) => n && log(`packager: found ${n} upload(s) never packaged; queued`))
    .catch((e: unknown) => log(`packager: start-up scan of uploads/ failed: ${(e as Error).message}`));
  log(`packager: ready (${tools ? 'ffmpeg' : 'remux'}, ${concurrency} at a time)`);

  return {
    idle: () => queue.idle(),
    async close() {
      standIn.events.off('object-created', onCreated);
      await queue.close();
      s3.destroy();
    },
  };
}
