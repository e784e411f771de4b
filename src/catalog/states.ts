/** The 32 entidades federativas: the one list lives with the clip fields (src/contract/mexican-states.ts). */
export { MEXICAN_STATES } from '../contract/mexican-states.js';
