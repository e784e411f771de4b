// Versioning and Object Lock operations: Put/GetBucketVersioning, Put/GetObjectLockConfiguration,
// Put/GetObjectRetention, Put/GetObjectLegalHold, ListObjectVersions, and what PutObject, GetObject and
// DeleteObject need of them (versions.ts keeps the files). Refusals carry S3's codes and messages.
import { readSmallBody } from './body.ts';
import { bucketArn, header, intParam, objectArn, sendEmpty, sendXml, type Ctx } from './context.ts';
import type { Engine } from './engine.ts';
import { errors, S3Error } from './errors.ts';
import { compareKeys } from './key-order.ts';
import type { StoredMeta } from './object-file.ts';
import { OWNER } from './ops-bucket.ts';
import { checkVersionId, isProtected, lockedError, noSuchVersion, type LockMode, type VersionLock } from './versions.ts';
import { asObject, buildXml, parseXml, text } from './xml.ts';

const SMALL_BODY = 64 * 1024;
const MODES: readonly string[] = ['GOVERNANCE', 'COMPLIANCE'];

async function readDoc(ctx: Ctx, root: string): Promise<Record<string, unknown>> {
  const doc = parseXml(await readSmallBody(ctx.req, SMALL_BODY, { chunkSignatures: ctx.chunkSignatures }), { maxElements: 50 });
  const el = doc[root];
  if (el === '' || el === undefined) {
    if (root in doc) return {};
    throw errors.malformedXml(`expected <${root}>`);
  }
  const o = asObject(el);
  if (!o) throw errors.malformedXml(`expected <${root}>`);
  return o;
}

const missingLockConfig = () => new S3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400);

function parseMode(v: string | undefined, name: string): LockMode {
  if (!v || !MODES.includes(v)) throw errors.invalidArgument('Unknown wormMode directive.', name, v ?? '');
  return v as LockMode;
}

function parseFutureDate(v: string | undefined, name: string, now: number): string {
  const t = v === undefined ? NaN : Date.parse(v);
  if (Number.isNaN(t)) throw errors.invalidArgument('The retain until date must be provided in ISO 8601 format', name, v ?? '');
  if (t <= now) throw errors.invalidArgument('The retain until date must be in the future!', name, v ?? '');
  return new Date(t).toISOString();
}

const bypassGovernance = (ctx: Ctx) => header(ctx.req, 'x-amz-bypass-governance-retention')?.toLowerCase() === 'true';

/** The lock a PutObject asks for in its headers (validated; refused on a bucket without Object Lock). */
export async function requestedLock(ctx: Ctx, engine: Engine): Promise<VersionLock> {
  const mode = header(ctx.req, 'x-amz-object-lock-mode');
  const until = header(ctx.req, 'x-amz-object-lock-retain-until-date');
  const hold = header(ctx.req, 'x-amz-object-lock-legal-hold');
  if (mode === undefined && until === undefined && hold === undefined) return {};
  if (!(await engine.versions.config(ctx.bucket)).objectLock) throw missingLockConfig();
  const hasIntegrity =
    header(ctx.req, 'content-md5') !== undefined ||
    Object.keys(ctx.req.headers).some((h) => h.startsWith('x-amz-checksum-') || h === 'x-amz-sdk-checksum-algorithm') ||
    header(ctx.req, 'x-amz-trailer') !== undefined;
  if (!hasIntegrity)
    throw errors.invalidRequest('Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters');
  const lock: VersionLock = {};
  if ((mode === undefined) !== (until === undefined))
    throw errors.invalidArgument(
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
      'x-amz-object-lock-mode',
      mode ?? '',
    );
  if (mode !== undefined) {
    await engine.authorize(ctx, 's3:PutObjectRetention', objectArn(ctx.bucket, ctx.key));
    lock.mode = parseMode(mode, 'x-amz-object-lock-mode');
    lock.retainUntil = parseFutureDate(until, 'x-amz-object-lock-retain-until-date', Date.now());
  }
  if (hold !== undefined) {
    await engine.authorize(ctx, 's3:PutObjectLegalHold', objectArn(ctx.bucket, ctx.key));
    if (hold !== 'ON' && hold !== 'OFF') throw errors.invalidArgument('Legal Hold must be either of ON or OFF', 'x-amz-object-lock-legal-hold', hold);
    lock.legalHold = hold;
  }
  return lock;
}

/** Headers naming a version and its lock (GetObject, HeadObject, PutObject). */
export async function versionHeaders(engine: Engine, bucket: string, m: StoredMeta): Promise<Record<string, string>> {
  if (!m.versionId) return {};
  const h: Record<string, string> = { 'x-amz-version-id': m.versionId };
  const lock = await engine.versions.lock(bucket, m.key, m.versionId);
  if (lock?.mode && lock.retainUntil) {
    h['x-amz-object-lock-mode'] = lock.mode;
    h['x-amz-object-lock-retain-until-date'] = lock.retainUntil;
  }
  if (lock?.legalHold) h['x-amz-object-lock-legal-hold'] = lock.legalHold;
  return h;
}

/** A version named by `?versionId` (the current one when absent); throws S3's answers for what is not there. */
export async function findVersion(
  engine: Engine,
  bucket: string,
  key: string,
  versionId: string | null,
): Promise<{ meta: StoredMeta; current: boolean }> {
  const current = engine.store.storedMeta(bucket, key);
  if (versionId === null || versionId === 'null') {
    if (versionId === 'null' && current?.versionId) throw noSuchVersion(key, versionId);
    if (!current) throw errors.noSuchKey(key);
    return { meta: current, current: true };
  }
  checkVersionId(versionId);
  if (current?.versionId === versionId) return { meta: current, current: true };
  const found = (await engine.versions.noncurrent(bucket, key, current)).find((m) => m.versionId === versionId);
  if (!found) throw noSuchVersion(key, versionId);
  return { meta: found, current: false };
}

/** DeleteObject in a versioned bucket: a delete marker without `versionId`; with it, that version, unless locked. */
/** What deleting one key (or one version) of a versioned bucket did, as DeleteObject's headers and DeleteObjects' <Deleted> say it. */
export interface VersionedDeletion {
  /** The version removed (absent when a delete marker was added). */
  versionId?: string;
  /** The delete marker added, or the version removed when it was a delete marker. */
  deleteMarkerVersionId?: string;
}

/**
 * Deletes `key` in a versioned bucket: without `versionId` adds a delete marker (nothing is removed);
 * with it removes that version unless Object Lock protects it (retention, legal hold), as S3 does.
 * The caller authorized s3:DeleteObject or s3:DeleteObjectVersion; the governance bypass is read from the request.
 */
export async function deleteOneVersioned(ctx: Ctx, engine: Engine, key: string, versionId: string | null): Promise<VersionedDeletion> {
  const { bucket } = ctx;
  let done: VersionedDeletion = {};
  await engine.locks.run(engine.lockName(bucket, key), async () => {
    if (versionId === null) {
      await engine.versions.archiveCurrent(bucket, key);
      await engine.store.remove(bucket, key);
      done = { deleteMarkerVersionId: await engine.versions.addDeleteMarker(bucket, key) };
      return;
    }
    const { meta, current } = await findVersion(engine, bucket, key, versionId);
    if (!meta.deleteMarker) {
      const bypass = bypassGovernance(ctx);
      if (bypass) await engine.authorize(ctx, 's3:BypassGovernanceRetention', objectArn(bucket, key));
      if (isProtected(await engine.versions.lock(bucket, key, meta.versionId!), Date.now(), bypass)) throw lockedError();
    }
    if (current) await engine.versions.removeCurrent(bucket, key);
    else await engine.versions.removeNoncurrent(bucket, key, meta.versionId!);
    done = { versionId: meta.versionId!, ...(meta.deleteMarker ? { deleteMarkerVersionId: meta.versionId! } : {}) };
  });
  if (versionId === null) engine.emitRemoved(bucket, key);
  return done;
}

export async function deleteVersioned(ctx: Ctx, engine: Engine): Promise<void> {
  const done = await deleteOneVersioned(ctx, engine, ctx.key, ctx.query.get('versionId'));
  sendEmpty(ctx.res, 204, {
    ...(done.deleteMarkerVersionId ? { 'x-amz-delete-marker': 'true' } : {}),
    'x-amz-version-id': done.versionId ?? done.deleteMarkerVersionId!,
  });
}

export async function putBucketVersioning(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:PutBucketVersioning', bucketArn(ctx.bucket));
  const doc = await readDoc(ctx, 'VersioningConfiguration');
  const status = text(doc['Status']);
  if (status !== 'Enabled' && status !== 'Suspended') throw errors.malformedXml('<Status> must be Enabled or Suspended');
  const config = await engine.versions.config(ctx.bucket);
  if (status === 'Suspended') {
    if (config.objectLock)
      throw new S3Error(
        'InvalidBucketState',
        'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
        409,
      );
    throw errors.notImplemented('suspending versioning (null versions)');
  }
  if (config.versioning !== 'Enabled' && engine.store.sortedKeys(ctx.bucket).length)
    throw errors.notImplemented('enabling versioning on a bucket that already holds objects');
  await engine.versions.setConfig(ctx.bucket, { ...config, versioning: 'Enabled' });
  sendEmpty(ctx.res, 200);
}

export async function getBucketVersioning(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:GetBucketVersioning', bucketArn(ctx.bucket));
  const { versioning } = await engine.versions.config(ctx.bucket);
  sendXml(ctx.res, 200, buildXml('VersioningConfiguration', versioning ? { Status: versioning } : {}));
}

export async function putObjectLockConfiguration(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:PutBucketObjectLockConfiguration', bucketArn(ctx.bucket));
  const doc = await readDoc(ctx, 'ObjectLockConfiguration');
  if (text(doc['ObjectLockEnabled']) !== 'Enabled') throw errors.malformedXml('<ObjectLockEnabled> must be Enabled');
  const config = await engine.versions.config(ctx.bucket);
  if (config.versioning !== 'Enabled')
    throw new S3Error('InvalidBucketState', "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration", 409);
  const rule = asObject(asObject(doc['Rule'])?.['DefaultRetention']);
  let defaultRetention: NonNullable<typeof config.objectLock>['defaultRetention'];
  if (rule) {
    const mode = parseMode(text(rule['Mode']), 'Mode');
    const days = text(rule['Days']);
    const years = text(rule['Years']);
    if ((days === undefined) === (years === undefined)) throw errors.malformedXml('DefaultRetention needs exactly one of Days and Years');
    const n = Number(days ?? years);
    if (!Number.isInteger(n) || n < 1 || n > (days !== undefined ? 36500 : 100))
      throw errors.invalidArgument(
        'Default retention period must be a positive integer value',
        days !== undefined ? 'Days' : 'Years',
        String(days ?? years),
      );
    defaultRetention = { mode, ...(days !== undefined ? { days: n } : { years: n }) };
  }
  await engine.versions.setConfig(ctx.bucket, { ...config, objectLock: { enabled: true, ...(defaultRetention ? { defaultRetention } : {}) } });
  sendEmpty(ctx.res, 200);
}

export async function getObjectLockConfiguration(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:GetBucketObjectLockConfiguration', bucketArn(ctx.bucket));
  const { objectLock } = await engine.versions.config(ctx.bucket);
  if (!objectLock)
    throw new S3Error('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404, {
      BucketName: ctx.bucket,
    });
  const r = objectLock.defaultRetention;
  sendXml(
    ctx.res,
    200,
    buildXml('ObjectLockConfiguration', {
      ObjectLockEnabled: 'Enabled',
      ...(r ? { Rule: { DefaultRetention: { Mode: r.mode, ...(r.days ? { Days: r.days } : { Years: r.years }) } } } : {}),
    }),
  );
}

async function lockTarget(ctx: Ctx, engine: Engine) {
  if (!(await engine.versions.config(ctx.bucket)).objectLock) throw missingLockConfig();
  const { meta } = await findVersion(engine, ctx.bucket, ctx.key, ctx.query.get('versionId'));
  if (meta.deleteMarker) throw errors.methodNotAllowed(ctx.method);
  return { versionId: meta.versionId!, lock: (await engine.versions.lock(ctx.bucket, ctx.key, meta.versionId!)) ?? {} };
}

const noLock = () => new S3Error('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);

export async function putObjectRetention(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:PutObjectRetention', objectArn(ctx.bucket, ctx.key));
  const doc = await readDoc(ctx, 'Retention');
  await engine.locks.run(engine.lockName(ctx.bucket, ctx.key), async () => {
    const { versionId, lock } = await lockTarget(ctx, engine);
    const now = Date.now();
    const modeText = text(doc['Mode']);
    const untilText = text(doc['RetainUntilDate']);
    if ((modeText === undefined) !== (untilText === undefined))
      throw errors.malformedXml('Retention needs both Mode and RetainUntilDate, or neither');
    const next = modeText === undefined ? {} : { mode: parseMode(modeText, 'Mode'), retainUntil: parseFutureDate(untilText, 'RetainUntilDate', now) };
    const active = lock.mode && lock.retainUntil && Date.parse(lock.retainUntil) > now;
    if (active) {
      const extends_ = next.mode === lock.mode && Date.parse(next.retainUntil!) >= Date.parse(lock.retainUntil!);
      if (!extends_) {
        // COMPLIANCE: never shortened, removed or weakened. GOVERNANCE: only with the bypass and its permission.
        if (lock.mode === 'COMPLIANCE' || !bypassGovernance(ctx)) throw lockedError();
        await engine.authorize(ctx, 's3:BypassGovernanceRetention', objectArn(ctx.bucket, ctx.key));
      }
    }
    const { legalHold } = lock;
    await engine.versions.setLock(ctx.bucket, ctx.key, versionId, { ...next, ...(legalHold ? { legalHold } : {}) });
  });
  sendEmpty(ctx.res, 200);
}

export async function getObjectRetention(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:GetObjectRetention', objectArn(ctx.bucket, ctx.key));
  const { lock } = await lockTarget(ctx, engine);
  if (!lock.mode) throw noLock();
  sendXml(ctx.res, 200, buildXml('Retention', { Mode: lock.mode, RetainUntilDate: lock.retainUntil }));
}

export async function putObjectLegalHold(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:PutObjectLegalHold', objectArn(ctx.bucket, ctx.key));
  const doc = await readDoc(ctx, 'LegalHold');
  const status = text(doc['Status']);
  if (status !== 'ON' && status !== 'OFF') throw errors.malformedXml('<Status> must be ON or OFF');
  await engine.locks.run(engine.lockName(ctx.bucket, ctx.key), async () => {
    const { versionId, lock } = await lockTarget(ctx, engine);
    await engine.versions.setLock(ctx.bucket, ctx.key, versionId, { ...lock, legalHold: status });
  });
  sendEmpty(ctx.res, 200);
}

export async function getObjectLegalHold(ctx: Ctx, engine: Engine): Promise<void> {
  await engine.authorize(ctx, 's3:GetObjectLegalHold', objectArn(ctx.bucket, ctx.key));
  const { lock } = await lockTarget(ctx, engine);
  if (!lock.legalHold) throw noLock();
  sendXml(ctx.res, 200, buildXml('LegalHold', { Status: lock.legalHold }));
}

/** ListObjectVersions: every key under `prefix` from `key-marker` on, newest version first per key (no delimiter). */
export async function listObjectVersions(ctx: Ctx, engine: Engine): Promise<void> {
  const { bucket, query } = ctx;
  await engine.authorize(ctx, 's3:ListBucketVersions', bucketArn(bucket), query.get('prefix') ? { 's3:prefix': query.get('prefix')! } : {});
  if (query.get('delimiter')) throw errors.notImplemented('ListObjectVersions with a delimiter');
  const prefix = query.get('prefix') ?? '';
  const keyMarker = query.get('key-marker') ?? '';
  const versionMarker = query.get('version-id-marker') ?? '';
  const max = intParam(query, 'max-keys', 1000, 1000);
  const keys = [...new Set([...engine.store.sortedKeys(bucket), ...(await engine.versions.keysWithHistory(bucket))])]
    .filter((k) => k.startsWith(prefix) && (!keyMarker || compareKeys(k, keyMarker) >= 0))
    .sort(compareKeys);
  const rows: Array<{ meta: StoredMeta; latest: boolean }> = [];
  let truncated = false;
  outer: for (const key of keys) {
    const current = engine.store.storedMeta(bucket, key);
    const history = [...(await engine.versions.noncurrent(bucket, key, current)), ...(current ? [current] : [])].reverse();
    let skipping = key === keyMarker;
    for (const [i, meta] of history.entries()) {
      if (skipping) {
        if (versionMarker && meta.versionId === versionMarker) skipping = false;
        continue;
      }
      if (rows.length === max) {
        truncated = true;
        break outer;
      }
      rows.push({ meta, latest: i === 0 });
    }
  }
  const last = rows[rows.length - 1]?.meta;
  const versions = rows.filter((r) => !r.meta.deleteMarker);
  const markers = rows.filter((r) => r.meta.deleteMarker);
  sendXml(
    ctx.res,
    200,
    buildXml('ListVersionsResult', {
      Name: bucket,
      Prefix: prefix,
      KeyMarker: keyMarker,
      VersionIdMarker: versionMarker,
      MaxKeys: max,
      IsTruncated: truncated,
      ...(truncated && last ? { NextKeyMarker: last.key, NextVersionIdMarker: last.versionId } : {}),
      Version: versions.map(({ meta, latest }) => ({
        Key: meta.key,
        VersionId: meta.versionId ?? 'null',
        IsLatest: latest,
        LastModified: meta.lastModified,
        ETag: meta.etag,
        Size: meta.size,
        StorageClass: 'STANDARD',
        Owner: OWNER,
      })),
      DeleteMarker: markers.map(({ meta, latest }) => ({
        Key: meta.key,
        VersionId: meta.versionId,
        IsLatest: latest,
        LastModified: meta.lastModified,
        Owner: OWNER,
      })),
    }),
  );
}
