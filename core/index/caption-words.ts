/**
 * The record → entry input for caption text: the indexer reads the caption files a record lists
 * (`media/<id>/<uri>`, packaging's extracted tracks and attached ones) and adds their words to the
 * entry (src/catalog/caption-words.ts bounds them). A file that cannot be read adds nothing: captions
 * never keep a clip out of the catalog.
 */
import { captionWordsOf } from '../../src/catalog/caption-words.js';
import type { CatalogEntry } from '../../src/catalog/format.js';
import type { VideoRecord } from '../../src/contract/video-record.js';
import type { ObjectStore } from './store.js';

/** Caption files read per clip (a clip has one per language; more languages add few new words). */
export const CAPTION_FILES_READ = 4;
/** Longest caption file read (the Web API's attach limit; extracted files of long clips are cut here). */
export const CAPTION_FILE_BYTES_READ = 512 * 1024;

export async function captionWordsFor(store: ObjectStore, record: VideoRecord): Promise<string | undefined> {
  if (record.status !== 'ready' || !record.captions?.length) return undefined;
  const files: string[] = [];
  for (const c of record.captions.slice(0, CAPTION_FILES_READ)) {
    if (c.uri.includes('..') || c.uri.startsWith('/')) continue;
    const got = await store.get(`media/${record.id}/${c.uri}`).catch(() => undefined);
    if (got) files.push(got.text.slice(0, CAPTION_FILE_BYTES_READ));
  }
  return captionWordsOf(files) || undefined;
}

/** The entry with the clip's caption words, when it has any. */
export const withCaptionWords = (e: CatalogEntry, words: string | undefined): CatalogEntry => (words ? { ...e, captionWords: words } : e);

/**
 * An entry as viewers get it (a stored chunk, the root's first page, an API page): caption words are
 * for the index, not for showing, so they stay with the writer; `captioned` says the clip has some.
 */
export function listedForm(e: CatalogEntry): CatalogEntry {
  if (!e.captionWords) return e;
  const { captionWords: _, ...rest } = e;
  return { ...rest, captioned: true };
}
