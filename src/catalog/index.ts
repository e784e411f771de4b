// Plain, DOM-free catalog logic (docs/catalog.md): format, sync (writers), reading, search, admin edits.
export * from './format.js';
export { syncClipRecord, removeClipFromCatalog } from './sync.js';
