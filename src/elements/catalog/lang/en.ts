import type { Messages } from '../../../i18n/localize.js';

const messages: Messages = {
  clips: 'Clips',
};
export default messages;
