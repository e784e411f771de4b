// <ine-catalog> over a fragment catalog whose search stops early (block-max): the count and the
// facet counts are estimates and say so (es-MX and English, in the live status region), and showing
// more goes on to the end, where the count is exact. The catalog is written here by hand in format
// 4 (the reader does not check content hashes): 200 clips, "debate" in 120 of them, its postings in
// a newest block (60) and one older block (60).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/catalog/ine-catalog.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import { fragmentSource } from '../../../src/catalog/fragments/source.js';
import { FRAGMENT_FORMAT_VERSION as V, SEQ_SPAN, encodeGaps, rootKey } from '../../../src/catalog/fragments/format.js';
import type { CatalogEntry } from '../../../src/catalog/format.js';
import { axe, ready, settled, shadow, titles, typeSearch } from './helpers.js';

const COUNT = 200;
const isDebate = (i: number) => i < 60 || (i >= 100 && i < 160);

function handMadeCatalog(): Map<string, unknown> {
  const base = Date.parse('2024-05-01T12:00:00Z') / 1000;
  const keys = Array.from({ length: COUNT }, (_, i) => (base - i * 60) * SEQ_SPAN);
  const entries: CatalogEntry[] = keys.map((k, i) => ({
    id: i.toString(16).padStart(32, '0'),
    title: isDebate(i) ? `Debate número ${i}` : `Mitin número ${i}`,
    outlet: 'Canal Once',
    broadcastAt: new Date((k / SEQ_SPAN) * 1000).toISOString(),
    updatedAt: '2024-05-02T00:00:00Z',
    durationSeconds: 60,
  }));
  const objects = new Map<string, unknown>();
  const chunks = [];
  for (let c = 0; c < COUNT; c += 8) {
    const ks = keys.slice(c, c + 8);
    const key = `catalog/f/e-${c}.json`;
    objects.set(key, { schemaVersion: V, keys: ks, entries: entries.slice(c, c + 8) });
    objects.set(`catalog/f/c-${c}.json`, {
      schemaVersion: V,
      keys: ks,
      facets: { outlet: ks.map(() => 'Canal Once') },
      duration: ks.map(() => 60),
      title: entries.slice(c, c + 8).map((e) => e.title.toLowerCase()),
    });
    chunks.push({ min: ks[ks.length - 1], count: ks.length, key });
  }
  objects.set('catalog/f/p-1.json', { schemaVersion: V, chunks });
  objects.set('catalog/f/g-1.json', { schemaVersion: V, pages: [{ min: keys[COUNT - 1], count: COUNT, key: 'catalog/f/p-1.json' }] });
  const debate = keys.filter((_, i) => isDebate(i));
  const older = debate.slice(60);
  objects.set('catalog/f/b-1.json', { schemaVersion: V, keys: encodeGaps(older), masks: older.map(() => 1) });
  objects.set('catalog/f/t-own.json', {
    schemaVersion: V,
    name: 'deb.debate',
    words: { debate: [encodeGaps(debate.slice(0, 60)), debate.slice(0, 60).map(() => 1)] },
    blocks: [{ min: older[older.length - 1], count: older.length, max: 10, key: 'catalog/f/b-1.json' }],
  });
  objects.set('catalog/f/d-1.json', { schemaVersion: V, fragments: { 'deb.debate': 'catalog/f/t-own.json' } });
  objects.set(rootKey('catalog'), {
    schemaVersion: V,
    collection: 'catalog',
    generation: 1,
    count: COUNT,
    updatedAt: '2024-05-02T00:00:00Z',
    first: { keys: keys.slice(0, 48), entries: entries.slice(0, 48) },
    facets: { outlet: [{ value: 'Canal Once', count: COUNT }] },
    terms: { d: 'catalog/f/d-1.json' },
    groups: [{ min: keys[COUNT - 1], count: COUNT, key: 'catalog/f/g-1.json' }],
    writer: 'catalog/w/state-1.json',
  });
  return objects;
}

describe('<ine-catalog> when a search stops early', function () {
  this.timeout(60_000);
  const objects = handMadeCatalog();
  const fetched: string[] = [];
  const source = () =>
    fragmentSource(
      {
        root: async (c) => structuredClone(objects.get(rootKey(c))),
        object: async (key) => {
          fetched.push(key);
          return structuredClone(objects.get(key));
        },
      },
      'catalog',
    );
  const status = (el: IneCatalog) => shadow(el).querySelector('[role="status"]')!.textContent!.trim();
  const outletOption = (el: IneCatalog) =>
    [...shadow(el).querySelectorAll('select[name="filter-outlet"] option')].map((o) => o.textContent!.trim())[1];

  it('says the count and the facet counts are estimates, and shows more exactly until the count is exact', async () => {
    const el = await fixture<IneCatalog>(html`<ine-catalog .source=${source()}></ine-catalog>`);
    await ready(el);
    expect(status(el)).to.equal('200 clips');
    await typeSearch(el, 'debate');
    await waitUntil(() => outletOption(el)?.includes('aprox.'), 'facet counts marked approximate', { timeout: 20_000 });
    expect(status(el)).to.equal('Unos 120 de 200 clips');
    expect(titles(el).slice(0, 2)).to.deep.equal(['Debate número 0', 'Debate número 1']);
    expect(fetched).not.to.include('catalog/f/b-1.json', 'the older block is not needed for the first results');
    expect(outletOption(el)).to.equal('Canal Once (aprox. 120)');
    expect(shadow(el).querySelector('.status')!.textContent).to.contain('Conteos de los filtros aproximados');
    expect(shadow(el).querySelector('.status')!.textContent).not.to.contain('solo los clips más recientes');
    const result = await axe(el);
    expect(result.violations.map((v) => v.id)).to.deep.equal([]);

    // Show more: the search goes on (the older block), and at the end the count is exact.
    for (let i = 0; i < 3 && shadow(el).querySelector('.more button'); i++) {
      shadow(el).querySelector<HTMLButtonElement>('.more button')!.click();
      await settled(el);
    }
    await waitUntil(() => status(el) === '120 de 200 clips', 'the exact count', { timeout: 20_000 });
    expect(fetched).to.include('catalog/f/b-1.json');
    expect(titles(el)).to.have.length(120);
    expect(titles(el).every((t) => t.startsWith('Debate'))).to.equal(true);
  });

  it('in English too', async () => {
    const el = await fixture<IneCatalog>(html`<ine-catalog lang="en" .source=${source()}></ine-catalog>`);
    await ready(el);
    await typeSearch(el, 'debate');
    await waitUntil(() => outletOption(el)?.includes('approx.'), 'facet counts marked approximate', { timeout: 20_000 });
    expect(status(el)).to.equal('About 120 of 200 clips');
    expect(outletOption(el)).to.equal('Canal Once (approx. 120)');
  });
});
