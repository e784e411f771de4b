// The public page: catalog + player, no login. The elements come from the autoloader.
import { setupLanguage } from './i18n.ts';
import { openFirstClip, rememberClip } from './open-clip.ts';

setupLanguage();
const catalog = document.querySelector('ine-catalog')!;
const player = document.getElementById('player')!;
let opening = true;
catalog.addEventListener('ine-select', (e) => {
  const { videoId, startSeconds } = (e as CustomEvent<{ videoId: string; startSeconds?: number }>).detail;
  rememberClip(videoId, startSeconds);
  // Scroll the player into view when a clip is chosen on a small screen (not for the one the page opens on).
  if (!opening) player.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
});
void openFirstClip(catalog, player).finally(() => (opening = false));
