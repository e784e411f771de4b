// Plain, DOM-free catalog logic (docs/catalog.md): format, sync (writers), reading, search, admin edits.
export * from './format.js';
export { syncClipRecord, removeClipFromCatalog } from './sync.js';
export * from './normalize.js';
export { SearchIndex, type SearchHit } from './search-index.js';
export * from './query.js';
export * from './merge.js';
export * from './validate.js';
export * from './reader.js';
export { loadRecord, saveEdits, deleteClip, type SaveOutcome, type LoadedRecord } from './admin.js';
export { MEXICAN_STATES } from './states.js';
export * from './session.js';
export * from './fragments/format.js';
export { FragmentCatalog, type FragmentAnswer, type FragmentFetcher } from './fragments/reader.js';
export * from './fragments/source.js';
