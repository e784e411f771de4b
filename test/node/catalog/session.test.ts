// The catalog session without a DOM: loading from an in-memory source, query and facets, and the
// admin's edit → save → conflict → resolve and delete flow against an in-memory admin API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCatalogSession, type CatalogAdminApi, type CatalogSession, type CatalogSessionEvent } from '../../../src/catalog/session.ts';
import { memorySource, type CatalogSource } from '../../../src/catalog/reader.ts';
import { entryFromRecord, type CatalogEntry } from '../../../src/catalog/format.ts';
import { applyEditable, editableOf, threeWayMerge } from '../../../src/catalog/merge.ts';
import type { LoadedRecord } from '../../../src/catalog/admin.ts';
import type { VideoRecord } from '../../../src/contract/video-record.ts';
import { IneError } from '../../../src/internal/errors.ts';
import { recordFor } from './generate.ts';

/** Records as an admin API over a Map; `failNext` makes the next call fail like a dropped network. */
function memoryAdmin(records: VideoRecord[]) {
  const store = new Map<string, LoadedRecord>(records.map((r) => [r.id, { record: r, etag: '"1"' }]));
  let version = 1;
  const put = (record: VideoRecord) => store.set(record.id, { record, etag: `"${++version}"` }).get(record.id)!;
  const ctl = { failNext: false };
  const check = () => {
    if (ctl.failNext) {
      ctl.failNext = false;
      throw new IneError('Network', 'offline');
    }
  };
  const api: CatalogAdminApi = {
    async loadRecord(id) {
      check();
      const got = store.get(id);
      if (!got) throw new IneError('NotFound', `No record for clip ${id}`);
      return got;
    },
    async saveEdits(id, base, etag, mine) {
      check();
      const current = store.get(id)!;
      if (current.etag === etag) {
        const saved = put(applyEditable(current.record, mine));
        return { kind: 'saved', record: saved.record, etag: saved.etag, merged: false };
      }
      const m = threeWayMerge(base, mine, editableOf(current.record));
      if (m.conflicts.length) return { kind: 'conflict', conflicts: m.conflicts, theirs: current, merged: m.merged };
      const saved = put(applyEditable(current.record, m.merged));
      return { kind: 'saved', record: saved.record, etag: saved.etag, merged: true };
    },
    async deleteClip(id) {
      check();
      store.delete(id);
    },
  };
  return { api, store, put, ctl };
}

function record(id: string, title: string, broadcastAt: string, over: Partial<VideoRecord['metadata']> = {}): VideoRecord {
  return recordFor(id, { metadata: { title, broadcastAt, ...over } });
}

const RECORDS = [
  record('a1', 'Debate en Jalisco', '2024-05-01T20:00:00Z', { outlet: 'Canal Once', tags: ['debate'] }),
  record('b2', 'Cierre de campaña', '2024-05-20T20:00:00Z', { outlet: 'Milenio', tags: ['campaña'] }),
  record('c3', 'Conteo rápido', '2024-06-02T23:00:00Z', { outlet: 'Canal Once', tags: ['conteo rápido'] }),
];
const entries = (rs: VideoRecord[]): CatalogEntry[] => rs.map((r) => entryFromRecord(r, 'index'));

/** Records every event and resolves `until(pred)` on the first change where pred holds. */
function watch(session: CatalogSession) {
  const events: CatalogSessionEvent[] = [];
  const waiters: Array<{ pred: () => boolean; done: () => void }> = [];
  session.subscribe((e) => {
    events.push(e);
    for (const w of [...waiters]) if (w.pred()) (waiters.splice(waiters.indexOf(w), 1), w.done());
  });
  const until = (pred: () => boolean) => (pred() ? Promise.resolve() : new Promise<void>((done) => waiters.push({ pred, done })));
  return { events, until };
}

const titles = (s: CatalogSession) => s.state.results.map((e) => e.title);

test('loads an in-memory collection newest first, then answers text, filter and sort queries', async () => {
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS), 'index') });
  const { until } = watch(session);
  const loading = session.load();
  assert.equal(session.state.phase, 'loading');
  await loading;
  assert.equal(session.state.phase, 'ready');
  assert.equal(session.state.size, 3);
  assert.deepEqual(titles(session), ['Conteo rápido', 'Cierre de campaña', 'Debate en Jalisco']);

  session.setQuery({ text: 'campana' });
  assert.deepEqual(titles(session), ['Cierre de campaña'], 'accent-insensitive search');
  session.setQuery({ text: '', outlet: 'Canal Once', sort: 'date-asc' });
  assert.deepEqual(titles(session), ['Debate en Jalisco', 'Conteo rápido']);
  // Facets count the text matches before filters, and arrive just after the results.
  await until(() => session.state.facets.outlet.length > 0);
  assert.deepEqual(session.state.facets.outlet, [
    { value: 'Canal Once', count: 2 },
    { value: 'Milenio', count: 1 },
  ]);
  session.dispose();
});

test('a failed load with nothing loaded is an error phase and one reported error', async () => {
  const failing: CatalogSource = {
    collection: 'catalog',
    manifest: async () => {
      throw new IneError('AccessDenied', 'no');
    },
    recent: async () => undefined,
    shard: async () => undefined,
  };
  let waited = false;
  const session = createCatalogSession({ openSource: async () => failing, beforeFailure: async () => (waited = true) });
  const { events } = watch(session);
  await session.load();
  assert.equal(session.state.phase, 'error');
  assert.equal(session.state.loadError?.code, 'AccessDenied');
  assert.equal(waited, true, 'the view gets to prepare its texts before the failure is reported');
  assert.deepEqual(
    events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.code),
    ['AccessDenied'],
  );
});

test('the failure is still reported when the view cannot prepare its texts', async () => {
  const session = createCatalogSession({
    openSource: async () => {
      throw new IneError('Config', 'cdnBaseUrl is not configured');
    },
    beforeFailure: async () => {
      throw new Error('translations offline');
    },
  });
  const { events } = watch(session);
  await session.load();
  assert.equal(session.state.phase, 'error');
  assert.ok(events.some((e) => e.type === 'error' && e.code === 'Config'));
});

test('a shard failing after the first page keeps the first page usable, with a notice', async () => {
  const first = entries(RECORDS.slice(0, 1)).map((e) => ({ ...e, published: true }));
  const source: CatalogSource = {
    collection: 'catalog',
    manifest: async () => ({
      schemaVersion: 1,
      collection: 'catalog',
      shardCount: 1,
      shards: [{ version: 1, count: 3 }],
      updatedAt: '2024-01-01T00:00:00Z',
    }),
    recent: async () => ({ schemaVersion: 1, collection: 'catalog', entries: first, updatedAt: '2024-01-01T00:00:00Z' }),
    shard: async () => {
      throw new IneError('Network', 'Failed to fetch');
    },
  };
  const session = createCatalogSession({ openSource: async () => source });
  await session.load();
  assert.equal(session.state.phase, 'ready');
  assert.deepEqual(titles(session), ['Debate en Jalisco']);
  assert.deepEqual(session.state.notice, { kind: 'error', key: 'loadError', code: 'Network' });
});

test('whenLoaded waits for the latest load when a reload starts meanwhile', async () => {
  let calls = 0;
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS.slice(0, ++calls)), 'index') });
  void session.load();
  void session.load();
  await session.whenLoaded();
  assert.equal(session.state.phase, 'ready');
  assert.equal(session.state.size, 2, 'the second load, not the first');
});

test('admin: edit and save shows the change at once and reports it as saved', async () => {
  const admin = memoryAdmin(structuredClone(RECORDS));
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS), 'index'), admin: admin.api });
  const { events } = watch(session);
  await session.load();
  await session.openEditor(session.entry('a1')!);
  assert.equal(session.state.editing?.form?.title, 'Debate en Jalisco');

  session.setField('title', '');
  assert.equal(await session.submit(), 'invalid');
  assert.ok(session.state.editing?.errors.title, 'the empty title is refused before any write');
  assert.equal(admin.store.get('a1')!.etag, '"1"');

  session.setField('title', 'Debate final');
  assert.equal(await session.submit(), 'saved');
  assert.equal(admin.store.get('a1')!.record.metadata.title, 'Debate final');
  assert.ok(titles(session).includes('Debate final'));
  assert.deepEqual(session.state.editing?.notice, { kind: 'ok', key: 'saved' });
  assert.deepEqual(
    events.filter((e) => e.type === 'saved'),
    [{ type: 'saved', videoId: 'a1', action: 'edit' }],
  );
});

test('admin: a failed save rolls the list back and keeps the form', async () => {
  const admin = memoryAdmin(structuredClone(RECORDS));
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS), 'index'), admin: admin.api });
  const { events } = watch(session);
  await session.load();
  await session.openEditor(session.entry('b2')!);
  session.setField('title', 'Sin red');
  admin.ctl.failNext = true;
  assert.equal(await session.submit(), 'failed');
  assert.ok(!titles(session).includes('Sin red'));
  assert.equal(session.state.editing?.form?.title, 'Sin red');
  assert.deepEqual(session.state.editing?.notice, { kind: 'error', code: 'Network' });
  assert.ok(events.some((e) => e.type === 'error' && e.code === 'Network'));
  assert.equal(await session.submit(), 'saved');
});

test('admin: the same field changed by another admin is a conflict, resolved by choice', async () => {
  const admin = memoryAdmin(structuredClone(RECORDS));
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS), 'index'), admin: admin.api });
  const { events } = watch(session);
  await session.load();
  await session.openEditor(session.entry('c3')!);
  const theirs = admin.store.get('c3')!.record;
  admin.put({ ...theirs, metadata: { ...theirs.metadata, title: 'Suyo', program: 'Hechos' } });

  session.setField('title', 'Mío');
  assert.equal(await session.submit(), 'conflict');
  assert.deepEqual(
    events.filter((e) => e.type === 'conflict'),
    [{ type: 'conflict', videoId: 'c3', fields: ['title'] }],
  );
  assert.ok(!titles(session).includes('Mío'), 'the optimistic change is undone');

  session.chooseResolution('title', 'edit', 'Acordado');
  assert.equal(await session.resolveConflict(), 'saved');
  const saved = admin.store.get('c3')!.record.metadata;
  assert.equal(saved.title, 'Acordado');
  assert.equal(saved.program, 'Hechos', "the other admin's non-conflicting change is kept");
  assert.equal(session.state.editing?.conflict, undefined);
});

test('admin: delete removes the clip, or restores it when the delete fails', async () => {
  const admin = memoryAdmin(structuredClone(RECORDS));
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS), 'index'), admin: admin.api });
  const { events } = watch(session);
  await session.load();
  await session.openEditor(session.entry('a1')!);
  admin.ctl.failNext = true;
  assert.equal(await session.deleteClip(), false);
  assert.ok(titles(session).includes('Debate en Jalisco'));
  assert.equal(await session.deleteClip(), true);
  assert.ok(!titles(session).includes('Debate en Jalisco'));
  assert.ok(!admin.store.has('a1'));
  assert.equal(session.state.editing, undefined);
  assert.deepEqual(session.state.notice, { kind: 'ok', key: 'deleted', args: ['Debate en Jalisco'] });
  assert.ok(events.some((e) => e.type === 'saved' && e.action === 'delete'));
});

test('without admin access, opening a clip reports AccessDenied', async () => {
  const session = createCatalogSession({ openSource: async () => memorySource(entries(RECORDS), 'index') });
  await session.load();
  await session.openEditor(session.entry('a1')!);
  assert.deepEqual(session.state.editing?.notice, { kind: 'error', code: 'AccessDenied' });
});
