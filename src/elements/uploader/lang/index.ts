import { registerTranslation } from '../../../i18n/localize.js';
import esMX from './es-MX.js';
import en from './en.js';

registerTranslation('uploader', 'es-MX', esMX);
registerTranslation('uploader', 'en', en);
