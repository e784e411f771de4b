import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import type { CatalogEntry } from '../src/catalog/format.js';
import { renderItem } from '../src/elements/catalog/render-item.js';
import { catalogStyles } from '../src/elements/catalog/styles.js';
import esMX from '../src/elements/catalog/lang/es-MX.js';
import en from '../src/elements/catalog/lang/en.js';

/**
 * A caption hit in `<ine-catalog>`: a clip found by words said in it (its captions, docs/catalog.md
 * "Caption hits") shows the quote and its time; choosing it starts the player there. Drawn from a
 * fixture entry and moment, with no server; against the stand-in (`npm start`), search the public
 * demo for a word said in a captioned clip.
 */
const ENTRY: CatalogEntry = {
  id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  title: 'Noticiero nocturno',
  outlet: 'Canal 22',
  program: 'Noticias 22',
  state: 'Jalisco',
  broadcastAt: '2024-05-19T21:00:00-06:00',
  durationSeconds: 1512,
  updatedAt: '2024-05-19T22:00:00Z',
  captionWords: 'buenas noches sigue votacion distrito jalisco',
};
const MOMENT = { start: 724.5, quote: '…sigue la votación en el distrito 15 de Jalisco…', lang: 'es' };

type Messages = Record<string, string | ((...a: never[]) => string)>;
const translator =
  (m: Messages) =>
  (key: string, ...args: unknown[]) => {
    const v = m[key];
    return typeof v === 'function' ? (v as (...a: unknown[]) => string)(...args) : (v ?? key);
  };

function story(lang: 'es-MX' | 'en') {
  const host = document.createElement('div');
  host.lang = lang;
  const t = translator((lang === 'en' ? en : esMX) as unknown as Messages);
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Mexico_City' }).format(new Date(iso));
  render(
    html`<style>
        ${catalogStyles.cssText}
      </style>
      <p>${lang === 'en' ? 'Search: “votación distrito”' : 'Búsqueda: «votación distrito»'}</p>
      <div role="listbox" class="list" aria-label=${t('clips')}>
        ${renderItem(ENTRY, { t, date, admin: false, cdnBaseUrl: '', active: true, selected: false, moment: MOMENT, onChoose: () => {}, onFocus: () => {} })}
      </div>`,
    // In a shadow root, as inside the element (its styles are written for one).
    host.attachShadow({ mode: 'open' }),
  );
  return host;
}

const meta: Meta = { title: 'Elements/ine-catalog/Caption hit' };
export default meta;

export const Espanol: StoryObj = { name: 'Dicho en el clip (es-MX)', render: () => story('es-MX') };
export const English: StoryObj = { name: 'Said in the clip (en)', render: () => story('en') };
