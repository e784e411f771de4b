import type { Messages } from '../../../i18n/localize.js';

const messages: Messages = {
  videoLabel: 'Video',
  controls: 'Player controls',
};
export default messages;
