import type { Messages } from '../../../i18n/localize.js';

const messages: Messages = {
  videoLabel: 'Video',
  controls: 'Controles del reproductor',
};
export default messages;
