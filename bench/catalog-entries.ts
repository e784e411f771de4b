/**
 * The catalog bench's generated clips (realistic Spanish metadata from the tests' generator, party
 * names as political actors, a rare surname in one clip in RARE_EVERY). A file of its own because
 * the bench's build cache (catalog-build-cache.ts) keys on what decides the built objects.
 */
import type { CatalogEntry } from '../src/catalog/format.ts';
import { generateEntries, rng } from '../test/node/catalog/generate.ts';

const PARTIES = ['Morena', 'PAN', 'PRI', 'Movimiento Ciudadano', 'PVEM', 'PT'];
/** One clip in RARE_EVERY mentions this surname. */
const RARE_WORD = 'Xicoténcatl';
const RARE_EVERY = 10_000;

export function benchEntries(size: number): CatalogEntry[] {
  const r = rng(size);
  return generateEntries(size, 11).map((e, i) => ({
    ...e,
    title: i % RARE_EVERY === 7 ? `${e.title} ${RARE_WORD}` : e.title,
    actors: [PARTIES[Math.floor(r() * PARTIES.length)], ...(r() < 0.3 ? [PARTIES[Math.floor(r() * PARTIES.length)]] : [])].filter(
      (x, k, a) => a.indexOf(x) === k,
    ),
  }));
}
