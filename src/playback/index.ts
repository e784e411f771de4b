// Plain, DOM-free playback logic; filled in by the playback work.
export {};
