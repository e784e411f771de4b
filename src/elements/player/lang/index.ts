import { registerTranslation, registerTranslationLoader } from '../../../i18n/localize.js';
import esMX from './es-MX.js';

// Spanish-first: es-MX is built in; English is fetched the first time a player speaks it, so
// Spanish pages never download English strings.
registerTranslation('player', 'es-MX', esMX);
registerTranslationLoader('player', 'en', () => import('./en.js'));

let moreEs: Promise<void> | undefined;
/** The es-MX messages not needed at first (errors, keyboard help), fetched on first use; English has them all. */
export function loadPlayerMore(): Promise<void> {
  return (moreEs ??= import('./es-MX-more.js').then((m) => registerTranslation('player', 'es-MX', m.default)));
}
