import type { Messages } from '../../../i18n/localize.js';

const messages: Messages = {
  choose: 'Elige archivos mp4',
};
export default messages;
