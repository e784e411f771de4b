import type { Messages } from '../../../i18n/localize.js';

const messages: Messages = {
  choose: 'Choose mp4 files',
};
export default messages;
