/** A fragment fetcher over the writer's in-memory store (what the CDN would serve), noting each key it reads when asked to. */
import type { FragmentFetcher } from '../../../src/catalog/fragments/reader.ts';
import { rootKey } from '../../../src/catalog/fragments/format.ts';
import type { memoryStore } from '../../../core/index/store.ts';

export function memoryFetcher(store: ReturnType<typeof memoryStore>, fetched?: string[]): FragmentFetcher {
  const read = async (key: string) => {
    fetched?.push(key);
    const o = await store.get(key);
    return o && JSON.parse(o.text);
  };
  return { root: (c) => read(rootKey(c)), object: read };
}
