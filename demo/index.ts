// The public page: catalog + player, no login. The elements come from the autoloader.
import { setupLanguage } from './i18n.ts';

setupLanguage();
// Scroll the player into view when a clip is chosen on a small screen.
document.querySelector('ine-catalog')?.addEventListener('ine-select', () => {
  document.getElementById('player')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
});
