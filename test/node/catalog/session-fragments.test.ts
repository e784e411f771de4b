// The catalog session over a fragment catalog (format 2): first page from the root, queries answered
// by fetching fragments (counting what is fetched), "show more" paging, facets after the results,
// the admin's own save shown at once over the answers, and an unknown format refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCatalogSession } from '../../../src/catalog/session.ts';
import { fragmentSource } from '../../../src/catalog/fragments/source.ts';
import { FIRST_SCREEN, rootKey, ROOT_CACHE_CONTROL } from '../../../src/catalog/fragments/format.ts';
import { applyEditable } from '../../../src/catalog/merge.ts';
import { CollectionWriter } from '../../../core/index/collection-writer.ts';
import { memoryStore } from '../../../core/index/store.ts';
import { generateEntries, recordFor } from './generate.ts';
import { referenceQuery } from './fragment-reference.ts';
import { memoryFetcher } from './memory-fetcher.ts';

async function built(n: number, collection: 'catalog' | 'index' = 'catalog') {
  const store = memoryStore();
  const entries = generateEntries(n, 4);
  await new CollectionWriter(store, collection).rebuild(entries);
  const fetched: string[] = [];
  const source = fragmentSource(memoryFetcher(store, fetched), collection);
  return { store, entries, source, fetched };
}

test('a visit reads only the root; a search fetches fragments; more results come on demand', async () => {
  const { source, fetched, entries } = await built(600);
  const session = createCatalogSession({ openSource: async () => source });
  await session.load();
  assert.equal(session.state.phase, 'ready');
  assert.equal(session.state.results.length, 48);
  assert.equal(session.state.matchCount, 600);
  assert.equal(session.state.size, 600);
  assert.ok(session.state.facets.outlet.length > 0);
  assert.deepEqual(fetched, ['catalog/root.json'], 'the first page and facets come from the root alone');

  session.setQuery({ text: 'debate' });
  await session.whenLoaded();
  const n = session.state.matchCount;
  assert.ok(n > 48 && n < 600);
  assert.equal(session.state.results.length, 48);
  assert.ok(
    fetched.some((k) => k.includes('/t-')),
    'the term fragment',
  );
  await session.showResults(96);
  assert.equal(session.state.results.length, Math.min(96, n));
  assert.equal(new Set(session.state.results.map((e) => e.id)).size, session.state.results.length);
  assert.ok(session.state.facets.outlet.reduce((sum, f) => sum + f.count, 0) >= n || !session.state.facetsExact, 'facets over the matches');
  // Every shown entry really matches.
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of session.state.results) assert.ok(byId.has(e.id));
  session.dispose();
});

test("an admin's save shows at once over the fragment answers, and rolls back if it fails", async () => {
  const { source, entries } = await built(60, 'index');
  const target = entries[0];
  const rec = recordFor(target.id, { metadata: { title: target.title, outlet: target.outlet } });
  let fail = false;
  const session = createCatalogSession({
    openSource: async () => source,
    admin: {
      loadRecord: async () => ({ record: rec, etag: '"1"' }),
      saveEdits: async (_id, _base, _etag, mine) => {
        if (fail) throw new Error('offline');
        return { kind: 'saved', record: applyEditable(rec, mine), etag: '"2"', merged: false };
      },
      deleteClip: async () => {},
    },
  });
  await session.load();
  session.setQuery({ text: target.title.split(' ')[0] });
  await session.whenLoaded();
  assert.ok(session.state.results.some((e) => e.id === target.id));
  await session.openEditor({ id: target.id, title: target.title });
  session.setField('title', `${target.title} corregido`);
  assert.equal(await session.submit(), 'saved');
  await session.whenLoaded();
  assert.equal(session.entry(target.id)?.title, `${target.title} corregido`);
  assert.equal(session.state.results.find((e) => e.id === target.id)?.title, `${target.title} corregido`);
  fail = true;
  session.setField('title', 'Otro');
  assert.equal(await session.submit(), 'failed');
  await session.whenLoaded();
  assert.equal(session.entry(target.id)?.title, `${target.title} corregido`, 'rolled back to the saved entry');
  session.dispose();
});

test('a root of an unknown format is refused with UnsupportedCatalog', async () => {
  const { store, source } = await built(5);
  await store.put(rootKey('catalog'), JSON.stringify({ schemaVersion: 99 }), { cacheControl: ROOT_CACHE_CONTROL });
  const errors: string[] = [];
  const session = createCatalogSession({ openSource: async () => source });
  session.subscribe((e) => e.type === 'error' && errors.push(e.code));
  await session.load();
  assert.equal(session.state.phase, 'error');
  assert.deepEqual(errors, ['UnsupportedCatalog']);
});

test('a search that stops early says its count is an estimate; showing more goes on exactly, to the end', async () => {
  const store = memoryStore();
  const entries = generateEntries(1500, 6);
  await new CollectionWriter(store, 'catalog', { ownFragmentMin: 8, postingsBlock: 8 }).rebuild(entries);
  const get = async (key: string) => {
    const o = await store.get(key);
    return o && JSON.parse(o.text);
  };
  const session = createCatalogSession({ openSource: async () => fragmentSource({ root: (c) => get(rootKey(c)), object: get }, 'catalog') });
  await session.load();
  session.setQuery({ text: 'debate' });
  await session.whenLoaded();
  assert.equal(session.state.countExact, false, 'the count is estimated');
  assert.equal(session.state.facetsExact, false, 'and so are the facet counts');
  assert.equal(session.state.results.length, 48);
  const matching = referenceQuery(entries, { text: 'debate' }).hits.length;
  // Show more until the end: every match, once, and the count is exact then.
  while (session.state.results.length < session.state.matchCount) await session.showResults(session.state.results.length + 200);
  assert.equal(session.state.countExact, true);
  assert.equal(new Set(session.state.results.map((e) => e.id)).size, session.state.results.length);
  assert.equal(session.state.results.length, matching);
  assert.equal(session.state.matchCount, matching);
});

test('a search shows its first screen of results first, then the rest of its page; "show more" twice at once fetches each result once', async () => {
  const { store, entries } = await built(600);
  // Every object read, with the fetch priority asked for it.
  const reads: Array<{ key: string; priority?: string }> = [];
  const plain = memoryFetcher(store);
  const source = fragmentSource({ root: plain.root, object: (key, priority) => (reads.push({ key, priority }), plain.object(key)) }, 'catalog');
  const session = createCatalogSession({ openSource: async () => source });
  await session.load();
  const shownAlong: number[] = [];
  session.subscribe((e) => e.type === 'change' && session.state.results.length && shownAlong.push(session.state.results.length));
  session.setQuery({ text: 'debate' });
  await session.whenLoaded();
  assert.equal(shownAlong[0], FIRST_SCREEN, 'the first screen is shown on its own');
  assert.equal(session.state.results.length, 48, 'then the rest of the page');
  const lowAt = reads.findIndex((r) => r.priority === 'low');
  assert.ok(lowAt >= 0, 'the rest of the page is fetched at low priority');
  assert.ok(
    reads.slice(0, lowAt).every((r) => r.priority === undefined),
    "what the first screen needs is asked for first, at the browser's default priority",
  );

  // Two "show more" at once (a double click): the second continues where the first ends.
  await Promise.all([session.showResults(96), session.showResults(96)]);
  const ids = session.state.results.map((e) => e.id);
  assert.equal(ids.length, 96);
  assert.equal(new Set(ids).size, 96, 'no result twice');
  const ref = referenceQuery(entries, { text: 'debate' }).hits;
  const groupOf = new Map(ref.map((h) => [h.id, h.group]));
  assert.deepEqual(
    ids.map((id) => groupOf.get(id)),
    ref.slice(0, 96).map((h) => h.group),
    'in the reference order (ties in any order)',
  );
  session.dispose();
});
