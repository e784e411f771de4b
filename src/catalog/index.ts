// Plain, DOM-free catalog logic; filled in by the catalog work.
export {};
