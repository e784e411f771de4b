import { registerTranslation, registerTranslationLoader } from '../../../../i18n/localize.js';
import esMX from './es-MX.js';

/** The `integrity` namespace: es-MX comes with the badge's chunk; English is fetched on first use. */
registerTranslation('integrity', 'es-MX', esMX);
registerTranslationLoader('integrity', 'en', () => import('./en.js'));
