/** The audit log: every change appended and chained; concurrent writers never share a number; tampering is named. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { apiTestBed, type ApiTestBed } from './helpers.ts';
import { createAuditLog, entryKey, verifyAuditLog, type AuditEntry } from '../../../core/audit/index.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';

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
  const store = () => s3ObjectStore(bed.s3, bed.standIn.config.bucket);

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
    const actor = { sub: 'test', role: 'admin' as const };
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).append({ actor, action: 'clip.update', clipId: `${'c'.repeat(31)}${i % 10}`, before: i, after: i + 1 }),
      ),
    );
    assert.equal(new Set(written.map((e) => e.seq)).size, 20);
    const verdict = await verifyAuditLog(store());
    assert.ok(verdict.ok, JSON.stringify(verdict));
  });

  /** `npm run audit:verify` against this stand-in (asynchronously: the stand-in answers from this process). */
  const auditVerify = () =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/audit-verify.ts'],
        { env: { ...process.env, INE_LOCAL_PORT: new URL(bed.standIn.urls.s3).port } },
        (e, stdout, stderr) => resolve({ status: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('names the first broken entry when one is edited, removed or reordered', async () => {
    const verdict = await verifyAuditLog(store());
    assert.ok(verdict.ok);
    const intact = await auditVerify();
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /chain intact/);
    const bucket = bed.standIn.config.bucket;
    const read = async (seq: number) =>
      await (await bed.s3.send(new GetObjectCommand({ Bucket: bucket, Key: entryKey(seq) }))).Body!.transformToString();
    const put = (seq: number, body: string) => bed.s3.send(new PutObjectCommand({ Bucket: bucket, Key: entryKey(seq), Body: body }));
    const original3 = await read(3);
    const edited = JSON.parse(original3) as AuditEntry;
    edited.after = { forged: true };
    await put(3, JSON.stringify(edited));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.ok && [v.brokenSeq, v.reason]), [3, 'hash']);
    // Re-hashing the edit does not help: the next entry no longer chains to it.
    const { hashEntry } = await import('../../../core/audit/entry.ts');
    edited.hash = hashEntry(edited);
    await put(3, JSON.stringify(edited));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.ok && [v.brokenSeq, v.reason]), [4, 'prev-hash']);
    await put(3, original3);
    const original5 = await read(5);
    const original6 = await read(6);
    await put(5, original6);
    await put(6, original5);
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.ok && [v.brokenSeq, v.reason]), [5, 'seq-mismatch']);
    await put(5, original5);
    await put(6, original6);
    await bed.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: entryKey(7) }));
    assert.deepEqual(await verifyAuditLog(store()).then((v) => !v.ok && [v.brokenSeq, v.reason]), [7, 'gap']);
    const broken = await auditVerify();
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /BROKEN at entry 7 \(gap\)/);
  });
});
