/** The hash-chained, append-only audit log (issue 17 extends it with seals and Object Lock). */
export * from './canonical-json.ts';
export * from './entry.ts';
export * from './log.ts';
export * from './verify.ts';
