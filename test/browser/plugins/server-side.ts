// The server-side modules the test-runner plugins use, in one module graph (server-side.mjs).
export { startStandIn } from '../../../server/index.ts';
export { claimKey, updateRecord } from '../../../packaging/clip-store.ts';
export { publishClip } from '../../../packaging/publish.ts';
export { makeSource } from '../../fixtures/media/make.ts';
export { makeTwoLanguages, makeCaptioned608Mov } from '../../fixtures/media/broadcast.ts';
