/**
 * What caption words cost the fragment catalog (docs/catalog.md "Cost of caption words"): the same
 * N generated clips indexed without captions (the baseline) and with a 3-minute caption file each
 * (480 words drawn Zipf-like from a 6,000-word vocabulary; 250 distinct kept), in memory. Printed as
 * ratios to the baseline: bytes stored (gzip) by kind, rebuild time, and what a cold search
 * downloads (root, directories, term fragments and the entry chunks of the first 48 results) for a
 * few metadata queries. INE_BENCH_CLIPS overrides N (default 2,000).
 */
import { gzipSync } from 'node:zlib';
import { createCatalogWriter, memoryStore } from '../core/index/index.ts';
import { FragmentCatalog, type FragmentFetcher } from '../src/catalog/fragments/reader.ts';
import { rootKey } from '../src/catalog/fragments/format.ts';
import type { VideoRecord } from '../src/contract/video-record.ts';
import { recordFor } from '../test/node/catalog/generate.ts';

const N = Number(process.env.INE_BENCH_CLIPS ?? 2000);
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const SYLLABLES = ['ca', 'de', 'ción', 'to', 'ra', 'men', 'lec', 'vo', 'tan', 'dis', 'tri', 'pre', 'si', 'den', 'cia', 'go', 'bier', 'no', 'ña'];
const VOCABULARY = Array.from({ length: 6000 }, () =>
  Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''),
);
const time = (s: number) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
const captionFile = () =>
  `WEBVTT\n\n${Array.from({ length: 60 }, (_, c) => `${time(c * 3)} --> ${time(c * 3 + 2)}\n${Array.from({ length: 8 }, () => VOCABULARY[Math.floor(VOCABULARY.length * rand() ** 3)]).join(' ')}`).join('\n\n')}\n`;
const OUTLETS = ['Televisa', 'TV Azteca', 'Canal 22', 'Milenio', 'Imagen'];

async function build(captioned: boolean) {
  const store = memoryStore();
  const records: VideoRecord[] = [];
  for (let i = 0; i < N; i++) {
    const id = i.toString(16).padStart(32, '0');
    const r = recordFor(id, {
      published: true,
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
      metadata: { title: `Noticiero ${OUTLETS[i % 5]} ${i}`, outlet: OUTLETS[i % 5], description: 'Nota sobre la jornada electoral en el distrito' },
    });
    if (captioned) {
      r.captions = [{ lang: 'es', label: 'Español', uri: 'captions/es.vtt' }];
      await store.put(`media/${id}/captions/es.vtt`, captionFile(), { cacheControl: 'public, max-age=31536000, immutable' });
    }
    records.push(r);
  }
  const t0 = performance.now();
  await createCatalogWriter(store).rebuild(records);
  const rebuildMs = performance.now() - t0;
  const gz: Record<string, number> = { entries: 0, terms: 0 };
  for (const [k, o] of store.objects) {
    if (/^catalog\/f\/e-/.test(k)) gz.entries += gzipSync(o.text).length;
    else if (/^catalog\/f\/t-/.test(k)) gz.terms += gzipSync(o.text).length;
  }
  gz.root = gzipSync((await store.get(rootKey('catalog')))!.text).length;
  // A cold search: every object it fetches, gzip.
  const search = async (text: string) => {
    let bytes = 0;
    const get = async (key: string) => {
      const o = await store.get(key);
      if (o) bytes += gzipSync(o.text).length;
      return o && JSON.parse(o.text);
    };
    const fetcher: FragmentFetcher = { root: (c) => get(rootKey(c)), object: get };
    const cat = (await FragmentCatalog.open(fetcher, 'catalog'))!;
    const answer = await cat.query({ text });
    await cat.entries(answer, 0, 48);
    return bytes;
  };
  const searches: Record<string, number> = {};
  for (const q of ['noticiero', 'televisa', 'jornada electoral']) searches[q] = await search(q);
  return { rebuildMs, gz, searches };
}

const plain = await build(false);
const captioned = await build(true);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
console.log(`${N} clips; baseline = the same clips without captions (same run)`);
console.log(
  `rebuild time            ${ratio(captioned.rebuildMs, plain.rebuildMs)}  (${plain.rebuildMs.toFixed(0)} → ${captioned.rebuildMs.toFixed(0)} ms)`,
);
for (const k of ['root', 'entries', 'terms'])
  console.log(`${`stored ${k} (gzip)`.padEnd(24)}${ratio(captioned.gz[k]!, plain.gz[k]!)}  (${plain.gz[k]} → ${captioned.gz[k]} B)`);
for (const q of Object.keys(plain.searches))
  console.log(
    `${`cold search "${q}"`.padEnd(24)}${ratio(captioned.searches[q]!, plain.searches[q]!)}  (${plain.searches[q]} → ${captioned.searches[q]} B gzip)`,
  );
