// Search, ranking, filters, sort and facets over generated catalogs (pure logic, no I/O).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, tokenize } from '../../../src/catalog/normalize.ts';
import { SearchIndex } from '../../../src/catalog/search-index.ts';
import { runQuery, sortEntries } from '../../../src/catalog/query.ts';
import type { CatalogEntry } from '../../../src/catalog/format.ts';
import { generateEntries } from './generate.ts';

const e = (id: string, over: Partial<CatalogEntry>): CatalogEntry => ({ id, title: '', updatedAt: '2024-01-01T00:00:00Z', ...over });

test('normalization ignores case and accents and folds ñ', () => {
  assert.equal(normalize('ELECCIÓN Pingüino Peña'), 'eleccion pinguino pena');
  assert.deepEqual(tokenize('¡Debate, en Querétaro! (2024)'), ['debate', 'en', 'queretaro', '2024']);
  assert.deepEqual(tokenize(undefined), []);
});

test('"eleccion" finds "Elección"; prefixes match; every word must match', () => {
  const idx = new SearchIndex();
  idx.add([e('a', { title: 'Elección en Jalisco' }), e('b', { title: 'Debate electoral' }), e('c', { title: 'Nada que ver' })]);
  assert.deepEqual(
    idx.search('eleccion').map((h) => h.entry.id),
    ['a'],
  );
  assert.deepEqual(
    idx
      .search('ELEC')
      .map((h) => h.entry.id)
      .sort(),
    ['a', 'b'],
  );
  assert.deepEqual(
    idx.search('elec jal').map((h) => h.entry.id),
    ['a'],
  );
  assert.deepEqual(idx.search('elec zzz'), []);
  assert.equal(idx.search('').length, 3);
});

test('ñ: "nino" finds "niño", and "niño" ranks the exact spelling first', () => {
  const idx = new SearchIndex();
  idx.add([e('plain', { title: 'Nino Bravo' }), e('tilde', { title: 'Día del niño' })]);
  assert.deepEqual(
    idx
      .search('nino')
      .map((h) => h.entry.id)
      .sort(),
    ['plain', 'tilde'],
  );
  assert.equal(idx.search('niño')[0].entry.id, 'tilde');
});

test('ranking: title (even a prefix) above tags, outlet and description; exact above prefix; newer breaks ties', () => {
  const idx = new SearchIndex();
  idx.add([
    e('desc', { title: 'Otra cosa', description: 'debate', broadcastAt: '2024-06-01T00:00:00Z' }),
    e('prefix', { title: 'Debates regionales', broadcastAt: '2024-06-01T00:00:00Z' }),
    e('exact-old', { title: 'Debate', broadcastAt: '2024-01-01T00:00:00Z' }),
    e('exact-new', { title: 'Debate', broadcastAt: '2024-05-01T00:00:00Z' }),
    e('tag', { title: 'Otra', tags: ['debate'], broadcastAt: '2024-06-01T00:00:00Z' }),
    e('outlet', { title: 'Otra', outlet: 'Debate TV', broadcastAt: '2024-06-01T00:00:00Z' }),
  ]);
  assert.deepEqual(
    idx.search('debate').map((h) => h.entry.id),
    ['exact-new', 'exact-old', 'prefix', 'tag', 'outlet', 'desc'],
  );
});

test('re-adding an entry replaces it; removing it stops matches', () => {
  const idx = new SearchIndex();
  idx.add([e('a', { title: 'Primero' })]);
  idx.add([e('a', { title: 'Segundo' })]);
  assert.equal(idx.size, 1);
  assert.deepEqual(idx.search('primero'), []);
  assert.equal(idx.search('segundo')[0].entry.title, 'Segundo');
  idx.remove('a');
  assert.deepEqual(idx.search('segundo'), []);
});

test('generated catalog: results agree with a brute-force scan (10,000 clips)', () => {
  const entries = generateEntries(10_000, 7);
  const idx = new SearchIndex();
  idx.add(entries);
  for (const q of ['elec', 'candidata jal', 'peña', 'niñez', 'educ milenio', 'CAMPAÑA', 'zz']) {
    const terms = tokenize(q);
    const expected = entries
      .filter((x) => {
        const words = tokenize([x.title, x.description, x.outlet, x.program, x.tags?.join(' ')].join(' '));
        return terms.every((t) => words.some((w) => w.startsWith(t)));
      })
      .map((x) => x.id)
      .sort();
    assert.deepEqual(
      idx
        .search(q)
        .map((h) => h.entry.id)
        .sort(),
      expected,
      q,
    );
  }
});

test('large result sets come best first, then newest (the bucketed path)', () => {
  const idx = new SearchIndex();
  idx.add(generateEntries(20_000, 5));
  for (const q of ['e', 'c', 'de']) {
    const hits = idx.search(q);
    assert.ok(hits.length > 2048, `${q}: ${hits.length} hits take the bucketed path`);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1], hits[i]];
      assert.ok(a.score > b.score || (a.score === b.score && idx.timeOf(a.entry.id) >= idx.timeOf(b.entry.id)), `${q} at ${i}`);
    }
  }
});

test('filters, sort and facets', () => {
  const entries = generateEntries(2_000, 3);
  const idx = new SearchIndex();
  idx.add(entries);
  const outlet = entries[0].outlet!;
  const state = entries[0].state!;
  const r = runQuery(idx, { outlet, state, sort: 'date-desc' });
  assert.ok(r.entries.length > 0);
  assert.ok(r.entries.every((x) => x.outlet === outlet && x.state === state));
  assert.equal(r.entries.length, entries.filter((x) => x.outlet === outlet && x.state === state).length);
  for (let i = 1; i < r.entries.length; i++) assert.ok(Date.parse(r.entries[i - 1].broadcastAt!) >= Date.parse(r.entries[i].broadcastAt!));

  const tagged = runQuery(idx, { tag: 'debate' }).entries;
  assert.equal(tagged.length, entries.filter((x) => x.tags?.includes('debate')).length);

  const range = runQuery(idx, { from: '2024-02-01', to: '2024-02-29' }).entries;
  assert.ok(range.length > 0);
  assert.ok(
    range.every(
      (x) => new Date(x.broadcastAt!) >= new Date('2024-02-01T00:00:00') && new Date(x.broadcastAt!) <= new Date('2024-02-29T23:59:59.999'),
    ),
  );

  const byTitle = runQuery(idx, { sort: 'title' }).entries;
  const titles = byTitle.map((x) => normalize(x.title));
  assert.deepEqual(titles, [...titles].sort());
  const byDur = sortEntries(entries.slice(), 'duration-desc');
  for (let i = 1; i < byDur.length; i++) assert.ok(byDur[i - 1].durationSeconds! >= byDur[i].durationSeconds!);

  const facets = runQuery(idx, {}).facets;
  assert.equal(
    facets.outlet.reduce((s, f) => s + f.count, 0),
    entries.length,
  );
  assert.ok(facets.state.length <= 32 && facets.state.length > 20);
});
