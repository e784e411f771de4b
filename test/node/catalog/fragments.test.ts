// The fragment catalog (format 5) against a brute-force reference: generated queries over a
// generated catalog, built both by a rebuild and by one edit at a time; searches that stop early
// (block-max) give the reference's first results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CatalogEntry } from '../../../src/catalog/format.ts';
import type { CatalogQuery, SortOrder } from '../../../src/catalog/query.ts';
import { FragmentCatalog, type FragmentAnswer } from '../../../src/catalog/fragments/reader.ts';
import {
  rootKey,
  ownFacetFragmentOf,
  FRAGMENT_CACHE_CONTROL,
  ROOT_CACHE_CONTROL,
  type TermDirectory,
  type TermFragment,
} from '../../../src/catalog/fragments/format.ts';
import { CollectionWriter } from '../../../core/index/collection-writer.ts';
import { memoryStore } from '../../../core/index/store.ts';
import { canonical, referenceQuery, referenceScore } from './fragment-reference.ts';
import { OUTLETS, TAGS, generateEntries, rng } from './generate.ts';
import { memoryFetcher } from './memory-fetcher.ts';
import { listedForm } from '../../../core/index/caption-words.ts';

/** Generated entries, with some sharing a listing second and some with ñ words, empty fields and no date. */
function catalogEntries(n: number, seed: number): CatalogEntry[] {
  const r = rng(seed + 7);
  const out = generateEntries(n, seed);
  for (let i = 0; i < out.length; i++) {
    if (i > 0 && r() < 0.1) out[i] = { ...out[i], broadcastAt: out[i - 1].broadcastAt }; // same second
    if (r() < 0.05) out[i] = { ...out[i], tags: [], outlet: undefined as unknown as string };
    if (r() < 0.05) out[i] = { ...out[i], title: out[i].title + ' Peña Ñandú año' };
    // Words said in the clip (the indexer's caption words): searched below every metadata field.
    if (r() < 0.2) out[i] = { ...out[i], captionWords: CAPTION_WORDS.filter(() => r() < 0.5).join(' ') || 'votacion' };
  }
  return out;
}

const CAPTION_WORDS = ['votacion', 'distrito', 'casilla', 'debate', 'eleccion', 'jalisco', 'conteo'];

const SORTS: SortOrder[] = ['relevance', 'date-desc', 'date-asc', 'title', 'duration-desc', 'duration-asc'];
const WORDS = [
  'elección',
  'eleccion',
  'elec',
  'debate',
  'deb',
  'de',
  'd',
  'candidata',
  'peña',
  'pena',
  'peñ',
  'ñandú',
  'nandu',
  'año',
  'ano',
  'campaña',
  'noticiero',
  'televisa',
  'tv',
  'jalisco',
  'zzz',
  'análisis',
  'morelia',
  'mesa',
  'López',
  'lo',
  'e',
  '2024',
  'votacion',
  'casil',
  'conteo',
];

function queryArb(): fc.Arbitrary<CatalogQuery> {
  return fc.record(
    {
      text: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 3 }).map((w) => w.join(' ')),
      outlet: fc.constantFrom(...OUTLETS),
      tag: fc.constantFrom(...TAGS),
      from: fc.constantFrom('2024-02-01', '2024-04-15'),
      to: fc.constantFrom('2024-03-01', '2024-06-30'),
      sort: fc.constantFrom(...SORTS),
    },
    { requiredKeys: ['text'] },
  );
}

/** `manyMatches`: matches may span more chunks than the facet budget (facets then approximate). */
async function check(cat: FragmentCatalog, entries: CatalogEntry[], q: CatalogQuery, manyMatches = false): Promise<void> {
  const ref = referenceQuery(entries, q);
  const answer = await cat.query(q);
  if (!answer.totalExact) return checkEarlyStop(cat, answer, ref, q, entries);
  const got = await cat.entries(answer, 0, answer.total);
  assert.equal(answer.total, ref.hits.length, `count for ${JSON.stringify(q)}`);
  const groupOf = new Map(ref.hits.map((h) => [h.id, h.group]));
  sameContent(got, entries, q);
  const gotHits = got.map((e) => ({ id: e.id, group: groupOf.get(e.id) ?? `unexpected ${e.id} (score ${referenceScore(e, q.text ?? '')})` }));
  assert.deepEqual(canonical(gotHits), canonical(ref.hits), `order for ${JSON.stringify(q)}`);
  const facets = await cat.facets(answer);
  if (manyMatches && !facets.exact) return;
  assert.ok(facets.exact);
  assert.deepEqual(facets.facets, ref.facets, `facets for ${JSON.stringify(q)}`);
}

/** What is shown is each clip's entry as it is now (from a chunk or from title cards), not as it was. */
function sameContent(got: CatalogEntry[], entries: CatalogEntry[], q: CatalogQuery): void {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of got) assert.deepEqual(e, JSON.parse(JSON.stringify(listedForm(byId.get(e.id)!))), `entry ${e.id} for ${JSON.stringify(q)}`);
}

/**
 * A search that stopped early: its first results (one page, then two) are the reference's first,
 * in the same order; the total is an estimate not below what it has shown; facets say approximate.
 */
async function checkEarlyStop(
  cat: FragmentCatalog,
  answer: FragmentAnswer,
  ref: ReturnType<typeof referenceQuery>,
  q: CatalogQuery,
  entries: CatalogEntry[],
): Promise<void> {
  earlyStops++;
  const groupOf = new Map(ref.hits.map((h) => [h.id, h.group]));
  for (const n of [Math.min(48, ref.hits.length), Math.min(96, ref.hits.length)]) {
    const got = await cat.entries(answer, 0, n);
    assert.equal(got.length, n, `first ${n} for ${JSON.stringify(q)}`);
    sameContent(got, entries, q);
    assert.deepEqual(
      got.map((e) => groupOf.get(e.id) ?? `unexpected ${e.id}`),
      ref.hits.slice(0, n).map((h) => h.group),
      `order of the first ${n} for ${JSON.stringify(q)}`,
    );
    assert.ok(answer.total >= n, `estimated total ${answer.total} ≥ ${n}`);
  }
  // Going on for the second page may have reached the end: then the count is exact, and so are the facets.
  if (answer.totalExact) assert.equal(answer.total, ref.hits.length);
  else assert.equal((await cat.facets(answer)).exact, false);
}
let earlyStops = 0;

/** Layout limits small enough that a few hundred clips split pages and groups and give frequent words fragments of their own. */
const SMALL = { pageMax: 2, groupMax: 2, ownFragmentMin: 8, postingsBlock: 8 };

test('rebuild: a few hundred generated queries answer exactly as the brute-force reference', async () => {
  const entries = catalogEntries(500, 3);
  for (const [layout, runs] of [
    [{}, 300],
    [SMALL, 150],
  ] as const) {
    const store = memoryStore();
    await new CollectionWriter(store, 'catalog', layout).rebuild(entries);
    const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
    assert.equal(cat.count, 500);
    if (layout === SMALL) {
      const keys = [...store.objects.keys()];
      assert.ok(keys.filter((k) => k.includes('/f/g-')).length > 2, 'several page groups');
      const root = JSON.parse((await store.get(rootKey('catalog')))!.text);
      const dir = JSON.parse((await store.get(root.terms.d))!.text);
      assert.ok(
        Object.keys(dir.fragments).some((n) => n.startsWith('deb.')),
        'a frequent word has its own fragment',
      );
    }
    await fc.assert(
      fc.asyncProperty(queryArb(), (q) => check(cat, entries, q)),
      { numRuns: runs, seed: 42 },
    );
  }
});

test('block-max early stop: the first results of common words are the reference ones, without loading every block', async () => {
  const entries = catalogEntries(3000, 9);
  const store = memoryStore();
  await new CollectionWriter(store, 'catalog', SMALL).rebuild(entries);
  const fetcher = memoryFetcher(store);
  const blocks = [...store.objects.keys()].filter((k) => k.includes('/f/b-')).length;
  let blocksLoaded = 0;
  const before = earlyStops;
  const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const arb = fc.record(
    { text, sort: fc.constantFrom<SortOrder>('relevance', 'date-desc'), outlet: fc.constantFrom(...OUTLETS), tag: fc.constantFrom(...TAGS) },
    { requiredKeys: ['text', 'sort'] },
  );
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (q) => {
      // A fresh reader per query (a cold search): a reader keeps the blocks it loaded.
      const cat = (await FragmentCatalog.open(
        { ...fetcher, object: (k) => ((blocksLoaded += k.includes('/f/b-') ? 1 : 0), fetcher.object(k)) },
        'catalog',
      ))!;
      runs++;
      await check(cat, entries, q, true);
    }),
    { numRuns: 150, seed: 7 },
  );
  assert.ok(earlyStops - before >= 5, `searches stopped early: ${earlyStops - before}`);
  assert.ok(blocksLoaded / runs < blocks / 4, `a search loads few of the ${blocks} postings blocks (${(blocksLoaded / runs).toFixed(1)} on average)`);
});

test('two frontiers: several common words read their title tiers back and the rest of their postings only as far as the first results need', async () => {
  // One clip in eight has "debate" and "candidata" in its title (the rest have them anywhere, or not).
  const entries = catalogEntries(3000, 9).map((e, i) => (i % 8 === 3 ? { ...e, title: `${e.title} debate candidata` } : e));
  const store = memoryStore();
  await new CollectionWriter(store, 'catalog', SMALL).rebuild(entries);
  const fetcher = memoryFetcher(store);
  // Which list (a word's title tier `<word>^`, or the rest) each postings block belongs to.
  const tierOf = new Map<string, 'top' | 'rest'>();
  for (const [key, o] of store.objects) {
    if (!key.includes('/f/t-')) continue;
    const doc = JSON.parse(o.text) as { words: Record<string, unknown>; blocks?: Array<{ key: string }> };
    const [word] = Object.keys(doc.words);
    if (word === undefined) continue; // a ñ spelling's own fragment
    for (const b of doc.blocks ?? []) tierOf.set(b.key, word.endsWith('^') ? 'top' : 'rest');
  }
  assert.ok([...tierOf.values()].includes('top') && [...tierOf.values()].includes('rest'), 'both tiers have blocks');
  for (const text of ['debate candidata', 'debate cand', 'candidata debate', 'debate', 'debate candidata campaña']) {
    const read = { top: 0, rest: 0 };
    const fetched: string[] = [];
    const cat = (await FragmentCatalog.open(
      { ...fetcher, object: (k) => (tierOf.has(k) && read[tierOf.get(k)!]++, fetched.push(k), fetcher.object(k)) },
      'catalog',
    ))!;
    const answer = await cat.query({ text });
    // Three words: fewer than 48 clips have all three in the title, so that search reads to the end.
    if (text.split(' ').length < 3) {
      assert.equal(answer.totalExact, false, `"${text}" stops early`);
      assert.ok(read.top > 0 && read.rest === 0, `"${text}" reads title blocks only: ${JSON.stringify(read)}`);
      // Its results were found through title tiers: title cards or entry objects (some fetched while
      // the search still read blocks), no page, group or chunk.
      assert.equal((await cat.entries(answer, 0, 48)).length, 48);
      assert.ok(
        fetched.some((k) => /\/f\/[kx]-/.test(k)),
        `"${text}" reads cards or entry objects`,
      );
      assert.deepEqual(
        fetched.filter((k) => /\/f\/[gpe]-/.test(k)),
        [],
        `"${text}" locates nothing through the tree`,
      );
    }
    await check(cat, entries, { text }, true);
  }
});

test('title cards: a rare title word shows its results from one object, kept current edit by edit', async () => {
  const entries = catalogEntries(400, 12).map((e, i) => (i % 40 === 5 ? { ...e, title: `${e.title} Xicoténcatl` } : e));
  const store = memoryStore();
  const writer = new CollectionWriter(store, 'catalog', { cardMax: 12 });
  await writer.rebuild(entries);
  const live = new Map(entries.map((e) => [e.id, e]));
  const search = async (text: string) => {
    const fetched: string[] = [];
    const cat = (await FragmentCatalog.open(memoryFetcher(store, fetched), 'catalog'))!;
    fetched.length = 0;
    await check(cat, [...live.values()], { text });
    const answer = await cat.query({ text });
    const shown = await cat.entries(answer, 0, answer.total);
    // What is shown is the entry as it is now, not as it was carded.
    for (const e of shown) assert.deepEqual(e, JSON.parse(JSON.stringify(listedForm(live.get(e.id)!))), `entry ${e.id} for "${text}"`);
    return { fetched, shown };
  };
  const located = (fetched: string[]) => fetched.filter((k) => /\/f\/[gpe]-/.test(k));
  let r = await search('xicotencatl');
  assert.equal(r.shown.length, 10);
  assert.ok(
    r.fetched.some((k) => k.includes('/f/k-')),
    'read from title cards',
  );
  assert.deepEqual(located(r.fetched), [], 'no page group, page or chunk read');
  await search('morelia xicot');
  // An edit of a carded clip (not of its words), a new clip with the word, one that loses it.
  const [a, b] = [...live.values()].filter((e) => e.title.includes('Xicoténcatl'));
  const edits: CatalogEntry[] = [
    { ...a, description: 'Entrevista nueva sobre la casilla especial.' },
    { ...entries[7], title: `${entries[7].title} Xicoténcatl` },
    { ...b, title: b.title.replace(' Xicoténcatl', '') },
  ];
  for (const e of edits) {
    await writer.apply(e.id, e);
    live.set(e.id, e);
  }
  r = await search('xicotencatl');
  assert.equal(r.shown.length, 10);
  assert.deepEqual(located(r.fetched), [], 'still no chunk read after edits');
  // Past the card limit the title tier loses its cards; searches go through the chunks, as exact.
  for (const e of entries.slice(100, 103)) {
    const next = { ...e, title: `${e.title} Xicoténcatl` };
    await writer.apply(next.id, next);
    live.set(next.id, next);
  }
  r = await search('xicotencatl');
  assert.equal(r.shown.length, 13);
  assert.ok(!r.fetched.some((k) => k.includes('/f/k-')), 'no title cards past the limit');
  // A word new to the catalog gets cards with its first posting.
  const fresh = { ...entries[9], title: `${entries[9].title} Zapotitlán` };
  await writer.apply(fresh.id, fresh);
  live.set(fresh.id, fresh);
  r = await search('zapotitlan');
  assert.equal(r.shown.length, 1);
  assert.deepEqual(located(r.fetched), []);
});

test('one edit at a time (inserts, edits, moves in time, removals) ends equal to the reference', async () => {
  const r = rng(11);
  const pool = catalogEntries(300, 5);
  const store = memoryStore();
  // Small layout: pages and groups split and empty out, words move to fragments of their own and back.
  const writer = new CollectionWriter(store, 'catalog', SMALL);
  const live = new Map<string, CatalogEntry>();
  for (let i = 0; i < pool.length; i++) {
    const e = pool[i];
    await writer.apply(e.id, e);
    live.set(e.id, e);
    if (r() < 0.3) {
      // Edit an earlier clip: new title words and, sometimes, another listing time.
      const ids = [...live.keys()];
      const id = ids[Math.floor(r() * ids.length)];
      const cur = live.get(id)!;
      const next = {
        ...cur,
        title: `${cur.title} debate ${r() < 0.5 ? 'Peña' : 'eleccion'}`,
        ...(r() < 0.5 ? { broadcastAt: pool[Math.floor(r() * pool.length)].broadcastAt } : {}),
      };
      await writer.apply(id, next);
      live.set(id, next);
    }
    if (r() < 0.15) {
      const ids = [...live.keys()];
      const id = ids[Math.floor(r() * ids.length)];
      await writer.apply(id, undefined);
      live.delete(id);
    }
  }
  const entries = [...live.values()];
  const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
  assert.equal(cat.count, entries.length);
  assert.ok(cat.root.groups.length > 2, 'pages and groups were split');
  assert.ok(
    Object.keys(JSON.parse((await store.get(cat.root.terms.d))!.text).fragments).some((n) => n.includes('.')),
    'own fragments',
  );
  // The first page and the facets over everything come from the root alone.
  const newest = referenceQuery(entries, {});
  assert.deepEqual(canonical(newest.hits.slice(0, 48)).length > 0, true);
  assert.deepEqual(cat.allFacets(), newest.facets);
  await fc.assert(
    fc.asyncProperty(queryArb(), (q) => check(cat, entries, q)),
    { numRuns: 150, seed: 7 },
  );
  // Same content as a rebuild from the same entries, object for object.
  const rebuilt = memoryStore();
  await new CollectionWriter(rebuilt, 'catalog').rebuild(entries);
  const again = (await FragmentCatalog.open(memoryFetcher(rebuilt), 'catalog'))!;
  for (const q of [{ text: 'debate' }, { text: 'peña' }, {}]) {
    const a = await cat.query(q);
    const b = await again.query(q);
    assert.equal(a.total, b.total);
    assert.deepEqual((await cat.facets(a)).facets, (await again.facets(b)).facets);
  }
});

test('write amplification per edit is bounded; fragments are immutable, the root short-lived', async () => {
  const entries = catalogEntries(2000, 9);
  const store = memoryStore();
  const writer = new CollectionWriter(store, 'catalog');
  await writer.rebuild(entries);
  const total = [...store.objects.values()].reduce((s, o) => s + o.text.length, 0);
  const edit = { ...entries[10], title: entries[10].title + ' debate' };
  const report = await writer.apply(edit.id, edit);
  assert.ok(report.changed);
  assert.ok(report.objects < 40, `objects per edit: ${report.objects}`);
  assert.ok(report.bytes < total / 5, `bytes per edit: ${report.bytes} of ${total}`);
  const same = await writer.apply(edit.id, edit);
  assert.deepEqual(same, { changed: false, objects: 0, bytes: 0 });
  for (const [key, o] of store.objects) assert.equal(o.cacheControl, key === rootKey('catalog') ? ROOT_CACHE_CONTROL : FRAGMENT_CACHE_CONTROL, key);
});

test('a reader refuses a root of a format it does not know', async () => {
  const store = memoryStore();
  for (const schemaVersion of [2, 4, 99]) {
    await store.put(rootKey('catalog'), JSON.stringify({ schemaVersion }), { cacheControl: ROOT_CACHE_CONTROL });
    await assert.rejects(FragmentCatalog.open(memoryFetcher(store), 'catalog'), (e: Error & { code?: string }) => e.code === 'UnsupportedCatalog');
  }
  assert.equal(await FragmentCatalog.open(memoryFetcher(memoryStore()), 'catalog'), undefined);
});

test('a word gets a fragment of its own as it becomes frequent, and goes back as it becomes rare; answers stay exact', async () => {
  const entries = catalogEntries(60, 8);
  const store = memoryStore();
  const writer = new CollectionWriter(store, 'catalog', SMALL);
  await writer.rebuild(entries);
  const names = async () => {
    const root = JSON.parse((await store.get(rootKey('catalog')))!.text);
    return root.terms.z ? Object.keys(JSON.parse((await store.get(root.terms.z))!.text).fragments) : [];
  };
  const live = new Map(entries.map((e) => [e.id, e]));
  const verify = async () => {
    const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
    for (const text of ['zumbido', 'zum', 'zumbidos', 'z', 'zumbido debate']) await check(cat, [...live.values()], { text });
  };
  // "zumbido" in one title after another: its own fragment from the 8th.
  for (let i = 0; i < 12; i++) {
    const e = { ...entries[i], title: `${entries[i].title} zumbido${i < 9 ? '' : 's'}` };
    await writer.apply(e.id, e);
    live.set(e.id, e);
  }
  assert.ok((await names()).includes('zum.zumbido^'), `own fragment of its title tier: ${await names()}`);
  assert.ok((await names()).includes('zum'), 'the rarer "zumbidos" stays in the shared fragment');
  await verify();
  // Taken out of all but one title: back in the shared fragment (below a quarter of the threshold).
  for (let i = 0; i < 8; i++) {
    await writer.apply(entries[i].id, entries[i]);
    live.set(entries[i].id, entries[i]);
  }
  assert.ok(!(await names()).some((n) => n.startsWith('zum.')), `back in the shared fragment: ${await names()}`);
  await verify();
});

test('a catalog of the previous fragment format (2) is not edited in place; the rebuild replaces it', async () => {
  const store = memoryStore();
  await store.put(rootKey('catalog'), JSON.stringify({ schemaVersion: 2, generation: 4, pages: [] }), { cacheControl: ROOT_CACHE_CONTROL });
  const entries = catalogEntries(30, 6);
  const writer = new CollectionWriter(store, 'catalog');
  await store.put('catalog/f/p-AAAAAAAAAAAAAAAA.json', JSON.stringify({ schemaVersion: 2, chunks: [] }), { cacheControl: FRAGMENT_CACHE_CONTROL });
  await assert.rejects(writer.apply(entries[0].id, entries[0]), (e: Error & { code?: string }) => e.code === 'UnsupportedCatalog');
  assert.equal(await writer.sweep(0), 0, 'no root of this format: nothing is known to be unreachable');
  await writer.rebuild(entries);
  const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
  assert.equal(cat.count, 30);
  assert.equal(cat.root.generation, 5);
  await check(cat, entries, { text: 'debate' });
  assert.equal(await writer.sweep(0), 1, "format 2's objects are unreachable once rebuilt");
  await check((await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!, entries, { text: 'debate candidata' });
});

test('a frequent facet value keeps its older postings in blocks: adding a clip rewrites its newest block, not all its postings', async () => {
  const entries = catalogEntries(3000, 13);
  const store = memoryStore();
  const writer = new CollectionWriter(store, 'catalog', { ownFragmentMin: 64, postingsBlock: 32 });
  await writer.rebuild(entries);
  const perOutlet = new Map<string, number>();
  for (const e of entries) if (e.outlet) perOutlet.set(e.outlet, (perOutlet.get(e.outlet) ?? 0) + 1);
  const [outlet] = [...perOutlet].sort((a, b) => b[1] - a[1])[0];
  const read = async <T>(key: string) => JSON.parse((await store.get(key))!.text) as T;
  const ownFragment = async () => {
    const root = await read<{ terms: Record<string, string> }>(rootKey('catalog'));
    const key = (await read<TermDirectory>(root.terms['~'])).fragments[ownFacetFragmentOf('outlet', outlet)];
    assert.ok(key, `"${outlet}" (${perOutlet.get(outlet)} clips) has a fragment of its own`);
    return read<TermFragment>(key);
  };
  const before = await ownFragment();
  assert.ok((before.blocks?.length ?? 0) >= 5, 'its older postings are in blocks');

  const newest = entries.reduce((a, b) => (Date.parse(a.broadcastAt!) > Date.parse(b.broadcastAt!) ? a : b));
  const added = { ...newest, id: 'f'.repeat(32), outlet, broadcastAt: new Date(Date.parse(newest.broadcastAt!) + 60_000).toISOString() };
  const keysBefore = new Set(store.objects.keys());
  await writer.apply(added.id, added);
  const after = await ownFragment();
  const kept = new Set(after.blocks!.map((b) => b.key));
  assert.deepEqual(
    before.blocks!.filter((b) => !kept.has(b.key)),
    [],
    'a new clip goes to the newest block: every older block object is kept as it was',
  );
  assert.ok(
    after.blocks!.every((b) => keysBefore.has(b.key)),
    'no block object written',
  );

  // The filter reads the value's blocks and still answers as the reference does.
  const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
  const all = [...entries, added];
  await check(cat, all, { outlet }, true);
  await check(cat, all, { outlet, text: 'debate' }, true);
});

test('a frequent ñ spelling keeps its older keys in blocks: searches rank as the reference, an added clip rewrites no older block', async () => {
  const entries = catalogEntries(3000, 17);
  const store = memoryStore();
  const writer = new CollectionWriter(store, 'catalog', { ownFragmentMin: 64, postingsBlock: 32 });
  await writer.rebuild(entries);
  const read = async <T>(key: string) => JSON.parse((await store.get(key))!.text) as T;
  const ownFragment = async () => {
    const root = await read<{ terms: Record<string, string> }>(rootKey('catalog'));
    const key = (await read<TermDirectory>(root.terms.c)).fragments['cam.campaña'];
    assert.ok(key, '"campaña" has a fragment of its own');
    return read<TermFragment>(key);
  };
  const before = await ownFragment();
  assert.deepEqual(Object.keys(before.words), [], 'it holds the spelling only');
  assert.ok((before.blocks?.length ?? 0) >= 3, 'its older keys are in blocks');

  const newest = entries.reduce((a, b) => (Date.parse(a.broadcastAt!) > Date.parse(b.broadcastAt!) ? a : b));
  const added = {
    ...newest,
    id: 'e'.repeat(32),
    title: 'La campaña en Peña Colorada',
    broadcastAt: new Date(Date.parse(newest.broadcastAt!) + 60_000).toISOString(),
  };
  const keysBefore = new Set(store.objects.keys());
  await writer.apply(added.id, added);
  const after = await ownFragment();
  assert.ok(
    after.blocks!.every((b) => keysBefore.has(b.key)),
    'no older block written again',
  );

  const all = [...entries, added];
  const fetched: string[] = [];
  const cat = (await FragmentCatalog.open(memoryFetcher(store, fetched), 'catalog'))!;
  const first = await cat.query({ text: 'campaña' });
  const spellingBlocks = new Set(after.blocks!.map((b) => b.key));
  const blocksRead = fetched.filter((k) => spellingBlocks.has(k)).length;
  assert.equal(first.totalExact, false, 'the search stops early');
  assert.ok(
    blocksRead < spellingBlocks.size,
    `it reads the spelling's blocks only as far as its first results need (${blocksRead} of ${spellingBlocks.size})`,
  );
  for (const text of ['campaña', 'campañ', 'campana', 'campaña debate', 'peña campaña']) await check(cat, all, { text }, true);
});

test('the private index filters by status', async () => {
  const entries = catalogEntries(120, 4).map((e, i) => ({
    ...e,
    status: (['ready', 'processing', 'failed'] as const)[i % 3],
    published: i % 2 === 0,
  }));
  const store = memoryStore();
  await new CollectionWriter(store, 'index').rebuild(entries);
  const cat = (await FragmentCatalog.open(memoryFetcher(store), 'index'))!;
  for (const status of ['draft', 'published', 'processing', 'failed'] as const) {
    const q = { status, text: 'de' };
    await check(cat, entries, q);
  }
});

test('a text match spread over more chunks than the facet budget: facets say they are approximate, counted over the newest matches', async () => {
  const entries = catalogEntries(3000, 12);
  const store = memoryStore();
  await new CollectionWriter(store, 'catalog').rebuild(entries);
  const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
  const q = { text: 'de' };
  const answer = await cat.query(q);
  const f = await cat.facets(answer);
  assert.equal(f.exact, false);
  const ref = referenceQuery(entries, q).facets;
  const counted = f.facets.outlet.reduce((s, x) => s + x.count, 0);
  assert.ok(counted > 0 && counted < ref.outlet.reduce((s, x) => s + x.count, 0));
  for (const x of f.facets.outlet) assert.ok(x.count <= ref.outlet.find((y) => y.value === x.value)!.count);
  // Narrower text: exact again.
  assert.equal((await cat.facets(await cat.query({ text: entries[0].title }))).exact, true);
});

test('the root manifest follows schemas/catalog-root.schema.json', async () => {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const { readFileSync } = await import('node:fs');
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  for (const name of ['entry', 'root'])
    ajv.addSchema(JSON.parse(readFileSync(new URL(`../../../schemas/catalog-${name}.schema.json`, import.meta.url), 'utf8')));
  const validate = ajv.getSchema('https://ine.mx/schemas/catalog-root.schema.json')!;
  for (const collection of ['catalog', 'index'] as const) {
    const store = memoryStore();
    const entries = catalogEntries(80, 2).map((e) => (collection === 'index' ? { ...e, status: 'ready' as const, published: true } : e));
    const writer = new CollectionWriter(store, collection);
    await writer.rebuild(entries);
    await writer.apply(entries[0].id, { ...entries[0], title: 'Otro título' });
    const root = JSON.parse((await store.get(rootKey(collection)))!.text);
    assert.ok(validate(root), ajv.errorsText(validate.errors));
  }
});
