/** The hash-chained, append-only audit log, journalled, sealed and verified (issue 17). */
export * from './canonical-json.ts';
export * from './entry.ts';
export * from './intent.ts';
export * from './log.ts';
export * from './seal.ts';
export * from './seal-signer.ts';
export * from './sequencer.ts';
export * from './verify.ts';
