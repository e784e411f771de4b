/** The audit log: every change appended and chained; concurrent writers never share a number; tampering is named. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, DeleteObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import {
  createAuditLog,
  entryKey,
  hashEntry,
  localSealSigner,
  sealKey,
  sha256Hex,
  signSeal,
  verifyAuditLog,
  type AuditEntry,
  type Seal,
} from '../../../core/audit/index.ts';
import { createSigningKeyDocument } from '../../../core/auth/signing-keys.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';
import { updateRecord } from '../../../packaging/clip-store.ts';
import { videoRecordKey } from '../../../src/contract/video-record.ts';
import { auditBucketFor } from '../../../server/audit.ts';
import { appendMetaAndSync, readMetaFromPath } from '../../../server/s3/object-file.ts';

type Detail = { etag: string };
type AuditPage = { items: AuditEntry[]; nextCursor?: string };

describe('Web API: audit log', () => {
  let bed: ApiTestBed;
  let admin: string;
  before(async () => {
    bed = await apiTestBed();
    admin = await bed.login('admin');
  });
  after(() => bed.cleanup());
  const auditBucket = () => auditBucketFor(bed.standIn.config.bucket);
  /** The audit bucket (an Object Lock bucket, as on AWS). */
  const store = () => s3ObjectStore(bed.s3, auditBucket());
  const media = () => s3ObjectStore(bed.s3, bed.standIn.config.bucket);
  const jwks = () => bed.standIn.audit.signer.jwks();
  const actor = { sub: 'test', role: 'admin' as const };

  it('records who changed what, before and after, readable per clip by admins only', async () => {
    const clip = await bed.seedClip({ metadata: { title: 'Antes' } });
    const { etag } = (await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin })).body;
    await bed.call('PATCH', `/v1/clips/${clip.id}`, { token: admin, body: { title: 'Después' }, headers: { 'if-match': etag } });
    await bed.call('POST', `/v1/clips/${clip.id}/publish`, { token: admin });
    await bed.call('DELETE', `/v1/clips/${clip.id}`, { token: admin });
    const history = await bed.call<AuditPage>('GET', `/v1/clips/${clip.id}/history`, { token: admin });
    assert.deepEqual(
      history.body.items.map((e) => e.action),
      ['clip.update', 'clip.publish', 'clip.delete'],
    );
    const [edit] = history.body.items;
    assert.deepEqual(edit!.actor, { sub: 'admin', role: 'admin' });
    assert.equal((edit!.before as { metadata: { title: string } }).metadata.title, 'Antes');
    assert.equal((edit!.after as { metadata: { title: string } }).metadata.title, 'Después');
    const byQuery = await bed.call<AuditPage>('GET', `/v1/audit?clipId=${clip.id}&limit=2`, { token: admin });
    assert.equal(byQuery.body.items.length, 2);
    const rest = await bed.call<AuditPage>('GET', `/v1/audit?clipId=${clip.id}&limit=2&cursor=${encodeURIComponent(byQuery.body.nextCursor!)}`, {
      token: admin,
    });
    assert.deepEqual(
      rest.body.items.map((e) => e.action),
      ['clip.delete'],
    );
    assert.equal((await bed.call('GET', '/v1/audit', { token: await bed.login('uploader') })).body.code, 'InsufficientScope');
  });

  it('chains entries from 20 concurrent writers (two processes’ worth) with no shared or missing number', async () => {
    const a = createAuditLog(store());
    const b = createAuditLog(store());
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).append({ actor, action: 'clip.update', clipId: `${'c'.repeat(31)}${i % 10}`, before: i, after: i + 1 }),
      ),
    );
    assert.equal(new Set(written.map((e) => e.seq)).size, 20);
    const verdict = await verifyAuditLog(store(), await jwks());
    assert.ok(verdict.ok, JSON.stringify(verdict));
  });

  it('audits every kind of change through one append path: clips, clients, webhooks, packaging', async () => {
    const clip = await bed.seedClip({ metadata: { title: 'Uno' } });
    const { etag } = (await bed.call<Detail>('GET', `/v1/clips/${clip.id}`, { token: admin })).body;
    await bed.call('PATCH', `/v1/clips/${clip.id}`, { token: admin, body: { title: 'Dos' }, headers: { 'if-match': etag } });
    await bed.call('POST', `/v1/clips/${clip.id}/publish`, { token: admin });
    await bed.call('POST', `/v1/clips/${clip.id}/unpublish`, { token: admin });
    // A packaging result, as the packager records it (the stand-in's packager passes its audit log the same way).
    await updateRecord(
      bed.s3,
      bed.standIn.config.bucket,
      clip.id,
      (cur) => cur && { ...cur, updatedAt: new Date().toISOString() },
      undefined,
      bed.standIn.audit.log,
    );
    await bed.call('DELETE', `/v1/clips/${clip.id}`, { token: admin });
    const history = await bed.call<AuditPage>('GET', `/v1/clips/${clip.id}/history`, { token: admin });
    assert.deepEqual(
      history.body.items.map((e) => e.action),
      ['clip.update', 'clip.publish', 'clip.unpublish', 'packaging.result', 'clip.delete'],
    );
    assert.deepEqual(history.body.items[3]!.actor, { sub: 'packager', role: 'service' });

    const client = await bed.call<{ client: { clientId: string } }>('POST', '/v1/clients', {
      token: admin,
      body: { name: 'Monitoreo', role: 'viewer', scopes: ['clips:read'] },
    });
    const clientId = client.body.client.clientId;
    await bed.call('POST', `/v1/clients/${clientId}/rotate-secret`, { token: admin });
    await bed.call('DELETE', `/v1/clients/${clientId}`, { token: admin });
    const sub = await bed.call<{ id: string }>('POST', '/v1/webhooks/subscriptions', {
      token: admin,
      body: { url: 'https://example.org/hook', events: ['clip.ready'] },
    });
    await bed.call('POST', `/v1/webhooks/subscriptions/${sub.body.id}/rotate-secret`, { token: admin });
    await bed.call('DELETE', `/v1/webhooks/subscriptions/${sub.body.id}`, { token: admin });
    // A change that fails leaves no entry (and no intent behind).
    assert.equal((await bed.call('DELETE', `/v1/clients/${clientId}`, { token: admin })).status, 404);
    assert.equal((await bed.call('POST', `/v1/clients/${clientId}/rotate-secret`, { token: admin })).status, 404);
    const all = (await bed.call<AuditPage>('GET', '/v1/audit?limit=100', { token: admin })).body.items;
    const about = all.filter((e) => e.targetClientId === clientId || e.targetSubscriptionId === sub.body.id);
    assert.deepEqual(
      about.map((e) => e.action),
      ['client.create', 'client.rotate-secret', 'client.delete', 'webhook.create', 'webhook.rotate-secret', 'webhook.delete'],
    );
    assert.ok(about.every((e) => JSON.stringify(e).indexOf('"secret"') < 0 && e.actor.sub === 'admin' && e.actor.role === 'admin'));
    assert.deepEqual(await store().list('audit/intents/'), []);
  });

  it('recovers the entry of a change whose writer stopped before appending it, and drops one that never happened', async () => {
    const clip = await bed.seedClip({ metadata: { title: 'Antes' } });
    const key = videoRecordKey(clip.id);
    const before = (await media().get(key))!;
    const next = JSON.stringify({ ...clip, metadata: { ...clip.metadata, title: 'Después' } });
    const writer = createAuditLog(store(), { changes: media() });
    // Journalled, changed, then the writer "stops": no commit.
    await writer.intend(
      { actor, action: 'clip.update', clipId: clip.id, before: clip, after: JSON.parse(next) },
      {
        key,
        sha256Before: sha256Hex(before.body),
        sha256After: sha256Hex(next),
      },
    );
    await media().put(key, next, { ifMatch: before.etag });
    // A second intent whose change never happened, and one without a probe.
    await writer.intend(
      { actor, action: 'clip.publish', clipId: clip.id, before: null, after: null },
      {
        key,
        sha256Before: sha256Hex(next),
        sha256After: 'f'.repeat(64),
      },
    );
    await writer.intend({ actor, action: 'client.delete', targetClientId: 'lost', before: null, after: null });
    // A later process, once the intents are old enough to belong to no running writer.
    const later = createAuditLog(store(), { changes: media(), now: () => Date.now() + 10 * 60_000 });
    assert.equal(await later.recover(), 2);
    const history = (await bed.call<AuditPage>('GET', `/v1/clips/${clip.id}/history`, { token: admin })).body.items;
    assert.deepEqual(
      history.map((e) => [e.action, e.recovered?.confirmed]),
      [['clip.update', true]],
    );
    const lost = (await bed.call<AuditPage>('GET', '/v1/audit?limit=100', { token: admin })).body.items.filter((e) => e.targetClientId === 'lost');
    assert.deepEqual(
      lost.map((e) => e.recovered?.confirmed),
      [false],
    );
    assert.deepEqual(
      (await store().list('audit/intents/')).filter((k) => k.endsWith('.json')),
      [],
    );
    assert.ok((await verifyAuditLog(store(), await jwks())).ok);
  });

  it('a packager stopped between the record write and its entry loses nothing: recovery appends it, confirmed', async () => {
    const clip = await bed.seedClip({ status: 'processing', metadata: { title: 'En proceso' } });
    const writer = createAuditLog(store(), { changes: media(), leases: media() });
    // The packager journals the result, writes the record, and stops before committing the entry.
    const stopping = {
      async intend(...args: Parameters<typeof writer.intend>) {
        const intent = await writer.intend(...args);
        return { ...intent, commit: () => Promise.reject(new Error('packager stopped')) };
      },
    };
    await assert.rejects(
      updateRecord(bed.s3, bed.standIn.config.bucket, clip.id, (cur) => cur && { ...cur, status: 'ready' }, undefined, stopping),
      /packager stopped/,
    );
    assert.equal(JSON.parse((await media().get(videoRecordKey(clip.id)))!.body).status, 'ready', 'the record was written');
    const later = createAuditLog(store(), { changes: media(), leases: media(), now: () => Date.now() + 10 * 60_000 });
    assert.ok((await later.recover()) >= 1);
    const history = (await bed.call<AuditPage>('GET', `/v1/clips/${clip.id}/history`, { token: admin })).body.items;
    assert.deepEqual(
      history.map((e) => [e.action, e.actor.sub, (e.after as { status?: string }).status, e.recovered?.confirmed]),
      [['packaging.result', 'packager', 'ready', true]],
    );
  });

  it('seals the head every N entries and on demand; verification checks every seal and finds forged ones', async () => {
    const sealing = createAuditLog(store(), { signer: bed.standIn.audit.signer, sealEvery: { entries: 3, ms: 3_600_000 } });
    await sealing.seal(); // from the head as it is: the next seal comes 3 entries later
    const appended: AuditEntry[] = [];
    for (let i = 0; i < 3; i++)
      appended.push(await sealing.append({ actor, action: 'clip.update', clipId: 'a'.repeat(32), before: i, after: i + 1 }));
    const third = appended[2]!;
    const sealed = JSON.parse((await store().get(sealKey(third.seq)))!.body) as Seal;
    assert.equal(sealed.headHash, third.hash);
    await sealing.append({ actor, action: 'clip.update', clipId: 'a'.repeat(32), before: 3, after: 4 });
    const onDemand = (await sealing.seal())!;
    assert.equal(onDemand.seq, third.seq + 1);
    assert.equal(await sealing.seal(), undefined, 'nothing new to seal');
    const good = await verifyAuditLog(store(), await jwks());
    assert.ok(good.ok && good.seals?.ok && good.seals.lastSealedSeq === onDemand.seq, JSON.stringify(good));

    // A seal signed by another key (claiming the platform's kid), and one signed by an unknown key.
    const impostor = await localSealSigner(await createSigningKeyDocument());
    const forged = await signSeal(
      { ...impostor, kid: sealed.kid },
      { seq: onDemand.seq + 1, headHash: onDemand.headHash, at: new Date().toISOString() },
    );
    const last = await sealing.append({ actor, action: 'clip.update', clipId: 'a'.repeat(32), before: 4, after: 5 });
    await store().put(sealKey(last.seq), JSON.stringify({ ...forged, seq: last.seq }));
    let v = await verifyAuditLog(store(), await jwks());
    assert.ok(v.seals && !v.seals.ok);
    assert.deepEqual([v.seals.brokenSealSeq, v.seals.reason], [last.seq, 'signature']);
    const unknown = await signSeal(impostor, { seq: last.seq, headHash: last.hash, at: new Date().toISOString() });
    await store().put(sealKey(last.seq), JSON.stringify(unknown));
    v = await verifyAuditLog(store(), await jwks());
    assert.deepEqual(v.seals && !v.seals.ok && [v.seals.brokenSealSeq, v.seals.reason], [last.seq, 'unknown-key']);
    // Sealed properly again: all holds.
    await store().put(
      sealKey(last.seq),
      JSON.stringify(await signSeal(bed.standIn.audit.signer, { seq: last.seq, headHash: last.hash, at: new Date().toISOString() })),
    );
    assert.ok((await verifyAuditLog(store(), await jwks())).ok);

    // Rewriting the chain consistently (every later hash recomputed) passes the chain check, not the seals.
    const rewritten = { ...appended[1]!, after: { forged: true } };
    rewritten.hash = hashEntry(rewritten);
    const original2 = (await store().get(entryKey(rewritten.seq)))!.body;
    const original3 = (await store().get(entryKey(third.seq)))!.body;
    const third2 = { ...third, prevHash: rewritten.hash };
    third2.hash = hashEntry(third2);
    await store().put(entryKey(rewritten.seq), JSON.stringify(rewritten));
    await store().put(entryKey(third.seq), JSON.stringify(third2));
    v = await verifyAuditLog(store(), await jwks());
    assert.equal(v.chain.ok, false, 'the entry after the rewritten ones no longer chains');
    assert.deepEqual(v.seals && !v.seals.ok && [v.seals.brokenSealSeq, v.seals.reason], [third.seq, 'head-mismatch']);
    await store().put(entryKey(rewritten.seq), original2);
    await store().put(entryKey(third.seq), original3);
    assert.ok((await verifyAuditLog(store(), await jwks())).ok);
  });

  /** `npm run audit:verify` against this stand-in (asynchronously: the stand-in answers from this process). */
  const auditVerify = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/audit-verify.ts', ...args],
        { env: { ...process.env, INE_LOCAL_PORT: new URL(bed.standIn.urls.s3).port, INE_LOCAL_DATA: bed.standIn.dataDir } },
        (e, stdout, stderr) => resolve({ status: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('publishes the seal keys on the CDN, where audit:verify can take them from', async () => {
    const url = `${bed.standIn.urls.cdn}/keys/audit-seal-jwks.json`;
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    const published = (await res.json()) as { keys: Array<{ kid: string; d?: string }> };
    const own = (await jwks()).keys.map((k) => k.kid);
    assert.ok(
      own.every((kid) => published.keys.some((k) => k.kid === kid)),
      "the signer's keys are published",
    );
    assert.ok(
      published.keys.every((k) => k.d === undefined),
      'public halves only',
    );
    await bed.standIn.audit.log.append({ actor, action: 'clip.update', clipId: 'e'.repeat(32), before: 1, after: 2 });
    await bed.standIn.audit.log.seal();
    const verified = await auditVerify('--jwks', url);
    assert.equal(verified.status, 0, verified.stderr + verified.stdout);
    assert.match(verified.stdout, /seals: [1-9]\d* valid/);
  });

  it('names the first broken entry when one is edited, removed or reordered through S3; the originals stay locked', async () => {
    const intact = await auditVerify();
    assert.equal(intact.status, 0, intact.stderr + intact.stdout);
    assert.match(intact.stdout, /chain intact/);
    assert.match(intact.stdout, /seals: \d+ valid/);
    const bucket = auditBucket();
    const read = async (seq: number) =>
      await (await bed.s3.send(new GetObjectCommand({ Bucket: bucket, Key: entryKey(seq) }))).Body!.transformToString();
    // An overwrite in a versioned, locked bucket is a new version: the chain check reads the newest.
    const put = (seq: number, body: string) => bed.s3.send(new PutObjectCommand({ Bucket: bucket, Key: entryKey(seq), Body: body }));
    const original3 = await read(3);
    const edited = JSON.parse(original3) as AuditEntry;
    edited.after = { forged: true };
    await put(3, JSON.stringify(edited));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.chain.ok && [v.chain.brokenSeq, v.chain.reason]), [3, 'hash']);
    // Re-hashing the edit does not help: the next entry no longer chains to it.
    edited.hash = hashEntry(edited);
    await put(3, JSON.stringify(edited));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.chain.ok && [v.chain.brokenSeq, v.chain.reason]), [4, 'prev-hash']);
    // The original is still there, and Object Lock refuses to delete it.
    const versions = await bed.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: entryKey(3) }));
    const first = versions.Versions!.at(-1)!;
    assert.equal(
      await (await bed.s3.send(new GetObjectCommand({ Bucket: bucket, Key: entryKey(3), VersionId: first.VersionId }))).Body!.transformToString(),
      original3,
    );
    await assert.rejects(bed.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: entryKey(3), VersionId: first.VersionId })), {
      name: 'AccessDenied',
    });
    await put(3, original3);
    const original5 = await read(5);
    const original6 = await read(6);
    await put(5, original6);
    await put(6, original5);
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.chain.ok && [v.chain.brokenSeq, v.chain.reason]), [5, 'seq-mismatch']);
    await put(5, original5);
    await put(6, original6);
    await bed.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: entryKey(7) }));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.chain.ok && [v.chain.brokenSeq, v.chain.reason]), [7, 'gap']);
    const broken = await auditVerify();
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /BROKEN at entry 7 \(gap\)/);
    await bed.s3.send(new PutObjectCommand({ Bucket: bucket, Key: entryKey(7), Body: await readVersion(bucket, 7) }));
    assert.ok((await verifyAuditLog(store(), await jwks())).chain.ok, '…and the original, read back from its locked version, restores the chain');
  });

  /** The oldest version of an entry (what was first written). */
  async function readVersion(bucket: string, seq: number): Promise<string> {
    const versions = await bed.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: entryKey(seq) }));
    const first = versions.Versions!.at(-1)!;
    return (await bed.s3.send(new GetObjectCommand({ Bucket: bucket, Key: entryKey(seq), VersionId: first.VersionId }))).Body!.transformToString();
  }

  /** The file the stand-in keeps an object's current version in (server/s3/store.ts), rewritten with another body. */
  async function editOnDisk(key: string, body: string | null): Promise<void> {
    const h = createHash('sha256').update(key).digest('hex');
    const path = join(bed.standIn.dataDir, 'buckets', auditBucket(), 'objects', h.slice(0, 2), h);
    if (body === null) return unlink(path);
    const meta = await readMetaFromPath(path);
    const bytes = Buffer.from(body);
    const fh = await open(path, 'w');
    try {
      await fh.write(bytes, 0, bytes.length, 0);
      // Whoever edits the files can drop the stored checksums too (S3 clients would otherwise notice).
      await appendMetaAndSync(fh, bytes.length, { ...meta, size: bytes.length, checksums: {} });
    } finally {
      await fh.close();
    }
  }

  it('names the first broken entry or seal when the files on disk are edited, reordered or removed behind S3', async () => {
    await bed.standIn.audit.log.seal();
    assert.ok((await verifyAuditLog(store(), await jwks())).ok);
    const original2 = await read(2);
    const edited = { ...(JSON.parse(original2) as AuditEntry), actor: { sub: 'someone-else', role: 'admin' as const } };
    await editOnDisk(entryKey(2), JSON.stringify(edited));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.chain.ok && [v.chain.brokenSeq, v.chain.reason]), [2, 'hash']);
    const cli = await auditVerify();
    assert.equal(cli.status, 1);
    assert.match(cli.stderr, /BROKEN at entry 2 \(hash\)/);
    await editOnDisk(entryKey(2), original2);
    const original8 = await read(8);
    const original9 = await read(9);
    await editOnDisk(entryKey(8), original9);
    await editOnDisk(entryKey(9), original8);
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.chain.ok && [v.chain.brokenSeq, v.chain.reason]), [8, 'seq-mismatch']);
    await editOnDisk(entryKey(8), original8);
    await editOnDisk(entryKey(9), original9);
    assert.ok((await verifyAuditLog(store(), await jwks())).ok);
    // The newest entries removed from the disk: the chain alone cannot tell, the last seal can.
    const head = (await store().list('audit/entries/')).length;
    await editOnDisk(entryKey(head), null);
    const v = await verifyAuditLog(store(), await jwks());
    assert.ok(v.seals && !v.seals.ok);
    assert.equal(v.seals.reason, 'past-end');
    const cliSeal = await auditVerify();
    assert.equal(cliSeal.status, 1);
    assert.match(cliSeal.stderr, /seals: BROKEN at seal \d+ \(past-end\)/);
  });

  const read = async (seq: number) => (await store().get(entryKey(seq)))!.body;
});
