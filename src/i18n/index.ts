import './common.js';
export * from './localize.js';
