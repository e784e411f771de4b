/** Caption words in the index (record → entry → terms) and the moment lookup of a caption hit, DOM-free. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCatalogWriter, memoryStore } from '../../../core/index/index.ts';
import { FragmentCatalog } from '../../../src/catalog/fragments/reader.ts';
import { rootKey } from '../../../src/catalog/fragments/format.ts';
import { CAPTION_WORDS_MAX, captionWordsOf } from '../../../src/catalog/caption-words.ts';
import { captionMoment, captionOnlyTerms, momentLabel, quoteAround, type MomentSource } from '../../../src/catalog/caption-moment.ts';
import type { CatalogEntry } from '../../../src/catalog/format.ts';
import { recordFor } from './generate.ts';
import { memoryFetcher } from './memory-fetcher.ts';

const VTT = `WEBVTT

00:00:02.000 --> 00:00:04.000
Buenas noches, comenzamos.

00:12:04.500 --> 00:12:07.000
Sigue la <i>votación</i> en el distrito 15 de Jalisco

00:13:00.000 --> 00:13:02.000
Otra votación más tarde
`;

describe('caption words in the catalog', () => {
  it('bounds the words kept per clip: distinct, normalized, no short or function words, first said first', () => {
    assert.equal(captionWordsOf([VTT]), 'buenas noches comenzamos sigue votacion distrito jalisco otra tarde');
    const many = `WEBVTT\n\n00:01.000 --> 00:02.000\n${Array.from({ length: CAPTION_WORDS_MAX + 50 }, (_, i) => `palabra${i}`).join(' ')}\n`;
    assert.equal(captionWordsOf([many]).split(' ').length, CAPTION_WORDS_MAX);
  });

  it('indexes the words of the caption files a record names; metadata matches rank first; the root page leaves them out', async () => {
    const store = memoryStore();
    const writer = createCatalogWriter(store);
    const said = recordFor('a'.repeat(32), {
      published: true,
      publishedAt: '2026-01-02T00:00:00Z',
      metadata: { title: 'Noticiero nocturno' },
      captions: [{ lang: 'es', label: 'Español', uri: 'captions/attached/es.0123456789abcdef.vtt', source: 'attached' }],
    });
    const titled = recordFor('b'.repeat(32), { published: true, publishedAt: '2026-01-01T00:00:00Z', metadata: { title: 'Votación en Jalisco' } });
    await store.put(`media/${said.id}/captions/attached/es.0123456789abcdef.vtt`, VTT, { cacheControl: 'public, max-age=31536000, immutable' });
    await writer.upsert(said);
    await writer.upsert(titled);
    const cat = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
    const ids = async (text: string) => {
      const a = await cat.query({ text });
      return (await cat.entries(a, 0, a.total)).map((e) => e.id);
    };
    assert.deepEqual(await ids('distrito'), [said.id]);
    // The title match first, though the captioned clip is newer.
    assert.deepEqual(await ids('votacion'), [titled.id, said.id]);
    assert.deepEqual(await ids('votac jalis'), [titled.id, said.id]);
    const root = JSON.parse((await store.get(rootKey('catalog')))!.text) as { first: { entries: CatalogEntry[] } };
    assert.ok(root.first.entries.every((e) => !('captionWords' in e)));
    // What a viewer downloads to show results holds no caption words, only that the clip has some;
    // the writer keeps the words in its own state, and a later edit still finds them to unindex.
    const keys: string[] = [];
    for await (const o of store.list('catalog/')) keys.push(o.key);
    const shown = await Promise.all(keys.filter((k) => /\/f\/e-/.test(k)).map(async (k) => (await store.get(k))!.text));
    assert.ok(shown.length && shown.every((t) => !t.includes('captionWords') && !t.includes('distrito')), 'entry chunks carry no caption words');
    assert.ok(shown.some((t) => t.includes('"captioned":true')));
    assert.ok(
      keys.some((k) => /^catalog\/w\/s-/.test(k)),
      'the words are in the writer state',
    );
    assert.deepEqual(
      (await cat.entries(await cat.query({ text: 'distrito' }), 0, 1)).map((e) => [e.id, e.captioned, e.captionWords]),
      [[said.id, true, undefined]],
    );
    // Removing the captions takes the words out of the index.
    await writer.upsert({ ...said, captions: [], updatedAt: new Date().toISOString() });
    const after = (await FragmentCatalog.open(memoryFetcher(store), 'catalog'))!;
    assert.equal((await after.query({ text: 'distrito' })).total, 0);
  });

  it('finds the moment of a caption hit: the first cue with the words, a quote and its time', async () => {
    const entry: CatalogEntry = {
      id: 'c'.repeat(32),
      title: 'Noticiero nocturno',
      updatedAt: '2026-01-01T00:00:00Z',
      captionWords: captionWordsOf([VTT]),
    };
    assert.deepEqual(captionOnlyTerms(entry, 'noticiero votación'), ['votacion']);
    assert.deepEqual(captionOnlyTerms(entry, 'noticiero'), []);
    const reads: string[] = [];
    const source: MomentSource = {
      captions: async () => [{ lang: 'es', label: 'Español', uri: 'captions/es.vtt' }],
      file: async (_id, uri) => (reads.push(uri), VTT),
    };
    const m = await captionMoment(entry, 'VOTACIÓN distr', source);
    assert.deepEqual(m, { start: 724.5, quote: 'Sigue la votación en el distrito 15 de Jalisco', lang: 'es' });
    assert.equal(momentLabel(m!.start), '12:04');
    assert.equal(momentLabel(3725), '1:02:05');
    assert.equal(await captionMoment(entry, 'noticiero', source), undefined);
    assert.deepEqual(reads, ['captions/es.vtt']);
    const long = `${'uno '.repeat(40)}la votación en el distrito ${'dos '.repeat(40)}`.trim();
    const at = long.indexOf('votación');
    const q = quoteAround(long, at, at + 8);
    assert.ok(q.startsWith('…') && q.endsWith('…') && q.includes('la votación en el distrito') && q.length <= 84, q);
  });
});
