import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import type { HistoryEntry } from '../src/catalog/clip-history.js';
import type { IneConfig } from '../src/config/types.js';
import { ClipHistoryController, historyStyles, renderHistory } from '../src/elements/catalog/render-history.js';
import esMX from '../src/elements/catalog/lang/es-MX.js';
import en from '../src/elements/catalog/lang/en.js';

/**
 * The change history `<ine-catalog admin>` shows in a clip's editor (who changed which field,
 * before → after, newest first), drawn here from fixture audit entries instead of the Web API's
 * `GET /v1/clips/{id}/history`, so it runs with no server. Against the stand-in (`npm start`), open a
 * clip in the admin demo and press "Historial de cambios".
 */
const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const before = { status: 'ready', published: false, metadata: { title: 'Debate en Monterrey', outlet: 'Multimedios', tags: ['debate'] } };
const edited = { ...before, metadata: { ...before.metadata, title: 'Debate entre candidatas en Monterrey', tags: ['debate', 'elecciones'] } };
const ENTRIES: HistoryEntry[] = [
  {
    seq: 11,
    at: '2024-05-19T21:05:00Z',
    actor: { sub: 'packager', role: 'service' },
    action: 'packaging.result',
    before: { ...before, status: 'processing' },
    after: before,
  },
  { seq: 12, at: '2024-05-19T22:10:00Z', actor: { sub: 'mgarcia', role: 'admin' }, action: 'clip.update', before, after: edited },
  {
    seq: 13,
    at: '2024-05-19T22:12:00Z',
    actor: { sub: 'jlopez', role: 'admin' },
    action: 'clip.publish',
    before: edited,
    after: { ...edited, published: true },
  },
];

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
  const draw = () =>
    render(
      html`<style>${historyStyles.cssText} .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }</style>${renderHistory({ t, date, errorMessage: () => '' }, history, ID)}`,
      host,
    );
  const history = new ClipHistoryController(
    { addController: () => {}, removeController: () => {}, requestUpdate: () => queueMicrotask(draw), updateComplete: Promise.resolve(true) },
    async () => ({}) as IneConfig,
    async () => ENTRIES,
  );
  draw();
  void history.open(ID);
  return host;
}

const meta: Meta = { title: 'Elements/ine-catalog/Clip history' };
export default meta;

export const Espanol: StoryObj = { name: 'Historial (es-MX)', render: () => story('es-MX') };
export const English: StoryObj = { name: 'History (en)', render: () => story('en') };
