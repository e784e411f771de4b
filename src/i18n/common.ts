import { registerTranslation } from './localize.js';
import esMX from './lang/es-MX.js';
import en from './lang/en.js';

registerTranslation('common', 'es-MX', esMX);
registerTranslation('common', 'en', en);
