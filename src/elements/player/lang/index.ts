import { registerTranslation, type Messages } from '../../../i18n/localize.js';
import esMX from './es-MX.js';

// Spanish-first: es-MX is built in; other languages are fetched the first time a player speaks them,
// so Spanish pages never download English strings.
registerTranslation('player', 'es-MX', esMX);

const loaders: Record<string, () => Promise<{ default: Messages }>> = {
  en: () => import('./en.js'),
};
const loading = new Map<string, Promise<void>>();

let moreEs: Promise<void> | undefined;
/** The es-MX messages not needed at first (errors, keyboard help), fetched on first use; English has them all. */
export function loadPlayerMore(): Promise<void> {
  return (moreEs ??= import('./es-MX-more.js').then((m) => registerTranslation('player', 'es-MX', m.default)));
}

/** Make sure the player's messages for `lang` are registered (re-renders every element when they arrive). */
export function loadPlayerLang(lang: string): Promise<void> {
  const primary = lang.toLowerCase().split('-')[0];
  const loader = loaders[primary];
  if (!loader) return Promise.resolve();
  let p = loading.get(primary);
  if (!p) {
    p = loader().then((m) => registerTranslation('player', primary, m.default));
    loading.set(primary, p);
  }
  return p;
}
