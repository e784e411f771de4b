import { registerTranslation, registerTranslationLoader } from '../../../i18n/localize.js';
import esMX from './es-MX.js';

registerTranslation('approvals', 'es-MX', esMX);
// English is fetched the first time an element speaks it: Spanish pages never download it.
registerTranslationLoader('approvals', 'en', () => import('./en.js'));
