// Plain, DOM-free upload logic; filled in by the upload work.
export {};
