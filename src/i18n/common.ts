import { registerTranslation, registerTranslationLoader } from './localize.js';
import esMX from './lang/es-MX.js';

// Messages every element shares (errors of the service, sign-in); English fetched on first use.
registerTranslation('common', 'es-MX', esMX);
registerTranslationLoader('common', 'en', () => import('./lang/en.js'));
