import { registerTranslation } from '../../../i18n/localize.js';
import esMX from './es-MX.js';
import en from './en.js';

registerTranslation('player', 'es-MX', esMX);
registerTranslation('player', 'en', en);
