import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/catalog/ine-catalog.js';
import { memorySource } from '../src/catalog/reader.js';
import type { CatalogEntry } from '../src/catalog/format.js';

/**
 * The catalog reads its clips from a documented in-memory source here (`memorySource(entries)`, the
 * same `source` property an offline page can use), so the stories run with no server. Against the
 * local stand-in (`npm start`) the demo pages show the real thing, editing included: in these
 * stories the admin list shows drafts, failures and statuses, and opening a clip's editor says it
 * cannot reach S3.
 */
const entry = (i: number, over: Partial<CatalogEntry>): CatalogEntry => ({
  id: `${String(i).padStart(2, '0')}${'a1b2c3d4e5f60718293a4b5c6d7e8f'.slice(0, 30)}`,
  title: '',
  updatedAt: '2024-05-01T12:00:00Z',
  durationSeconds: 60 + i * 37,
  ...over,
});

const FIXTURE: CatalogEntry[] = [
  entry(1, {
    title: 'Debate entre candidatas a la gubernatura',
    outlet: 'Canal Once',
    program: 'Once Noticias',
    state: 'Ciudad de México',
    broadcastAt: '2024-05-19T21:00:00-06:00',
    tags: ['debate', 'elecciones'],
    actors: ['Clara Brugada', 'Santiago Taboada', 'Morena', 'PAN'],
    description: 'Cobertura completa del segundo debate.',
  }),
  entry(2, {
    title: 'Cierre de campaña en Monterrey',
    outlet: 'Multimedios',
    program: 'Telediario',
    state: 'Nuevo León',
    broadcastAt: '2024-05-29T20:30:00-06:00',
    tags: ['campaña'],
    actors: ['Movimiento Ciudadano'],
  }),
  entry(3, {
    title: 'Jornada electoral: apertura de casillas',
    outlet: 'Televisa',
    program: 'En Punto',
    state: 'Jalisco',
    broadcastAt: '2024-06-02T08:15:00-06:00',
    tags: ['jornada', 'casilla'],
  }),
  entry(4, {
    title: 'Conteo rápido: resultados preliminares',
    outlet: 'TV Azteca',
    program: 'Hechos',
    state: 'Ciudad de México',
    broadcastAt: '2024-06-02T23:00:00-06:00',
    tags: ['conteo rápido'],
  }),
  entry(5, {
    title: 'Día del niño en Querétaro',
    outlet: 'Imagen Televisión',
    program: 'Imagen Noticias',
    state: 'Querétaro',
    broadcastAt: '2024-04-30T14:00:00-06:00',
    tags: ['niñez'],
  }),
  entry(6, {
    title: 'Entrevista con observadores electorales en Mérida',
    outlet: 'Canal 22',
    program: 'Noticias 22',
    state: 'Yucatán',
    broadcastAt: '2024-05-25T19:45:00-06:00',
    tags: ['observadores'],
  }),
  entry(7, {
    title: 'Spot fuera de la veda <script>alert(1)</script>',
    outlet: 'Radio Fórmula',
    state: 'Puebla',
    broadcastAt: '2024-05-30T10:00:00-06:00',
    tags: ['veda', 'propaganda'],
    actors: ['PRI', 'Fuerza y Corazón por México'],
    description: 'Los metadatos con HTML se muestran como texto.',
  }),
];

const ADMIN_FIXTURE: CatalogEntry[] = [
  ...FIXTURE.map((e) => ({ ...e, status: 'ready' as const, published: true })),
  entry(8, {
    title: 'Borrador: mitin en Oaxaca',
    outlet: 'Milenio',
    state: 'Oaxaca',
    broadcastAt: '2024-05-28T18:00:00-06:00',
    status: 'ready',
    published: false,
  }),
  entry(9, { title: 'Clip en proceso', outlet: 'ADN 40', status: 'processing', published: false }),
  entry(10, {
    title: 'Archivo dañado',
    outlet: 'Excélsior TV',
    status: 'failed',
    published: false,
    failureReason: 'El archivo no es un mp4 válido (no tiene pista de video).',
  }),
];

interface Args {
  lang: string;
  admin: boolean;
  view: 'grid' | 'list';
}

const meta: Meta<Args> = {
  title: 'Elementos/ine-catalog',
  component: 'ine-catalog',
  args: { lang: 'es-MX', admin: false, view: 'grid' },
  argTypes: {
    lang: { control: 'select', options: ['es-MX', 'en'] },
    view: { control: 'inline-radio', options: ['grid', 'list'] },
  },
  render: (a) =>
    html`<ine-catalog
      lang=${a.lang}
      view=${a.view}
      ?admin=${a.admin}
      cdn-base-url="https://cdn.example.invalid"
      .source=${memorySource(a.admin ? ADMIN_FIXTURE : FIXTURE, a.admin ? 'index' : 'catalog')}
    ></ine-catalog>`,
};
export default meta;

export const Espanol: StoryObj<Args> = { name: 'Español', args: { lang: 'es-MX' } };
export const English: StoryObj<Args> = { args: { lang: 'en' } };
export const ListaEspanol: StoryObj<Args> = { name: 'Lista (español)', args: { lang: 'es-MX', view: 'list' } };
export const AdminEspanol: StoryObj<Args> = { name: 'Administración (español)', args: { lang: 'es-MX', admin: true } };
export const AdminEnglish: StoryObj<Args> = { name: 'Admin (English)', args: { lang: 'en', admin: true } };
export const Vacio: StoryObj<Args> = {
  name: 'Sin clips (español)',
  render: (a) => html`<ine-catalog lang=${a.lang} .source=${memorySource([])}></ine-catalog>`,
};
