import { registerTranslation } from '../../../i18n/localize.js';
import esMX from './es-MX.js';
import en from './en.js';

registerTranslation('catalog', 'es-MX', esMX);
registerTranslation('catalog', 'en', en);
