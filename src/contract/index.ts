export * from './video-record.js';
export * from './upload-manifest.js';
export * from './clip-fields.js';
export * from './clip-validate.js';
export * from './mexican-states.js';
export * from './datetime-local.js';
export * from './packaging-failures.js';
export * from './upload-status.js';
