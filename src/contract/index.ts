export * from './video-record.js';
export * from './upload-manifest.js';
