/**
 * INE video elements: the npm entry point. Importing it registers nothing and touches no DOM,
 * so it is safe during server-side rendering; import `ine-video-elements/player` (or
 * `/uploader`, `/catalog`) to register an element, or load `dist/ine-elements.js` with a
 * script tag to register all three lazily.
 *
 * The plain API below is what the elements use, for INE applications that integrate without UI.
 */
export * from './config/index.js';
export * from './i18n/index.js';
export * from './auth/index.js';
export * from './upload/index.js';
export * from './catalog/index.js';
export * from './playback/index.js';
export * from './contract/index.js';
export { IneError, toIneError, type IneErrorCode } from './internal/errors.js';
