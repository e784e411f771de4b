import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/uploader/ine-uploader.js';
import type { UploadItem } from '../src/upload/upload-queue.js';
import type { MyUpload } from '../src/upload/my-uploads.js';
import type { IneUploader } from '../src/elements/uploader/ine-uploader.js';

/**
 * The states of `<ine-uploader>`. Stories render queue snapshots through the element's
 * `preview` property (documented as for Storybook and visual tests only): no AWS, no stand-in,
 * and the buttons do nothing. The live behaviour is covered by the Chromium tests against the
 * local stand-in (test/browser/uploader/).
 */
type Scene = 'empty' | 'queued' | 'uploading' | 'paused' | 'error' | 'complete' | 'my-uploads' | 'unfinished' | 'rejected';
interface Args {
  lang: string;
  scene: Scene;
}

const MIB = 1024 * 1024;
const base = (over: Partial<UploadItem>): UploadItem => ({
  id: over.fileName ?? 'x',
  fileName: 'debate-jalisco-bloque-2.mp4',
  size: 734 * MIB,
  lastModified: 1717362000000,
  state: 'ready',
  metadata: { title: '' },
  loaded: 0,
  total: 734 * MIB,
  percent: 0,
  speed: 0,
  hashed: 0,
  resumable: false,
  resumed: false,
  partSize: 8 * MIB,
  partsSent: 0,
  bytesSent: 0,
  brand: 'isom',
  ...over,
  acknowledged: over.acknowledged ?? over.loaded ?? 0,
});

const meta = {
  title: 'Debate por la gubernatura de Jalisco, segundo bloque',
  outlet: 'Canal 44',
  program: 'Noticias 44',
  broadcastAt: '2024-05-19T20:00:00-06:00',
  state: 'Jalisco',
  tags: ['debate', 'gubernatura'],
  actors: ['Pablo Lemus', 'Claudia Delgadillo'],
};

const ID = '5b0c2a8e9d7f4e1c8a6b3d2f1e0c9b8a';
const mine = (n: number, over: Partial<MyUpload>): MyUpload => ({
  key: `uploads/us-east-1:0000/${String(n).padStart(32, '0')}.mp4`,
  fileName: 'debate-jalisco-bloque-2.mp4',
  title: meta.title,
  sentAt: '2024-05-20T02:15:00Z',
  stage: 'processing',
  ...over,
});

/** "Mis envíos" in every stage (src/contract/upload-status.ts UPLOAD_STAGES), the unfinished-upload offer, rejected notices. */
function mineScene(s: Scene): IneUploader['previewMine'] {
  switch (s) {
    case 'my-uploads':
      return {
        mine: [
          mine(1, { stage: 'uploading', title: 'Conferencia matutina', fileName: 'conferencia-matutina.mp4', percent: 42 }),
          mine(2, {
            stage: 'processing',
            packaging: { status: 'processing', videoId: ID, progress: { step: 'encoding', fraction: 0.46, etaSeconds: 95 } },
          }),
          mine(3, { stage: 'review', title: 'Cierre de campaña en Zapopan', packaging: { status: 'ready', videoId: ID } }),
          mine(4, { stage: 'published', title: 'Debate, primer bloque', packaging: { status: 'ready', videoId: ID, published: true } }),
          mine(5, {
            stage: 'failed',
            title: 'Toma a 120 cuadros',
            fileName: 'rapido.mp4',
            packaging: { status: 'failed', videoId: ID, code: 'frame-rate-too-high', params: { fps: 120, maxFps: 60 } },
          }),
        ],
      };
    case 'unfinished':
      return {
        unfinished: [
          {
            fingerprint: 'f1',
            fileName: 'entrevista-gobernadora.mp4',
            size: 900 * MIB,
            sent: 378 * MIB,
            title: 'Entrevista con la gobernadora',
            createdAt: '2024-05-20T01:00:00Z',
          },
        ],
      };
    case 'rejected':
      return {
        rejected: [
          { id: 'r1', fileName: 'notas.docx', code: 'NotMp4' },
          { id: 'r2', fileName: 'debate-jalisco-bloque-2.mp4', code: 'AlreadyQueued' },
        ],
      };
    default:
      return undefined;
  }
}

function scene(s: Scene): UploadItem[] {
  switch (s) {
    case 'empty':
    case 'my-uploads':
    case 'rejected':
      return [];
    case 'unfinished':
      // The same file picked again: where it is, and "Continuar".
      return [
        base({
          id: 'a',
          fileName: 'entrevista-gobernadora.mp4',
          size: 900 * MIB,
          total: 900 * MIB,
          resumable: true,
          resumeSent: 378 * MIB,
          metadata: { title: 'Entrevista con la gobernadora' },
        }),
      ];
    case 'queued':
      return [
        base({ id: 'a', state: 'ready' }),
        base({
          id: 'b',
          fileName: 'conferencia-matutina.mp4',
          size: 212 * MIB,
          total: 212 * MIB,
          state: 'queued',
          metadata: { title: 'Conferencia matutina' },
        }),
        base({
          id: 'c',
          fileName: 'entrevista.mov',
          size: 80 * MIB,
          total: 80 * MIB,
          state: 'invalid',
          brand: 'qt  ',
          error: { code: 'NotMp4', message: '' },
        }),
      ];
    case 'uploading':
      return [
        base({
          id: 'a',
          state: 'uploading',
          metadata: meta,
          key: 'uploads/us-east-1:0000/ab.mp4',
          loaded: 296 * MIB,
          percent: (296 / 734) * 100,
          speed: 9.6 * MIB,
          eta: (734 - 296) / 9.6,
        }),
        base({
          id: 'b',
          fileName: 'conferencia-matutina.mp4',
          size: 212 * MIB,
          total: 212 * MIB,
          state: 'queued',
          metadata: { title: 'Conferencia matutina' },
        }),
      ];
    case 'paused':
      return [
        base({ id: 'a', state: 'paused', metadata: meta, loaded: 520 * MIB, percent: (520 / 734) * 100 }),
        base({
          id: 'b',
          fileName: 'cobertura-sin-red.mp4',
          state: 'waiting',
          waitingFor: 'offline',
          metadata: { title: 'Cobertura sin red' },
          loaded: 64 * MIB,
          percent: (64 / 734) * 100,
        }),
      ];
    case 'error':
      return [
        base({
          id: 'a',
          state: 'error',
          metadata: meta,
          loaded: 128 * MIB,
          percent: (128 / 734) * 100,
          error: { code: 'ChecksumMismatch', message: '' },
        }),
        base({ id: 'b', fileName: 'vacio.mp4', size: 0, total: 0, state: 'invalid', error: { code: 'EmptyFile', message: '' } }),
        base({
          id: 'c',
          fileName: 'sin-permiso.mp4',
          state: 'error',
          metadata: { title: 'Sin permiso' },
          error: { code: 'UploadNotAllowed', message: '' },
        }),
      ];
    case 'complete':
      return [
        base({
          id: 'a',
          state: 'complete',
          metadata: meta,
          key: 'uploads/us-east-1:0000/ab.mp4',
          loaded: 734 * MIB,
          percent: 100,
          hashed: 734 * MIB,
          sha256: '9f2c8e5d1b7a4c3e6f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e',
        }),
      ];
  }
}

const meta_: Meta<Args> = {
  title: 'Elementos/ine-uploader',
  component: 'ine-uploader',
  args: { lang: 'es-MX', scene: 'empty' },
  argTypes: {
    lang: { control: 'select', options: ['es-MX', 'en'] },
    scene: { control: 'select', options: ['empty', 'queued', 'uploading', 'paused', 'error', 'complete', 'my-uploads', 'unfinished', 'rejected'] },
  },
  render: (a) =>
    html`<div style="max-width: 720px"><ine-uploader lang=${a.lang} .preview=${scene(a.scene)} .previewMine=${mineScene(a.scene)}></ine-uploader></div>`,
};
export default meta_;

type Story = StoryObj<Args>;
export const Espanol: Story = { name: 'Español: vacío', args: { lang: 'es-MX', scene: 'empty' } };
export const EspanolEnCola: Story = { name: 'Español: en cola', args: { lang: 'es-MX', scene: 'queued' } };
export const EspanolSubiendo: Story = { name: 'Español: subiendo', args: { lang: 'es-MX', scene: 'uploading' } };
export const EspanolEnPausa: Story = { name: 'Español: en pausa', args: { lang: 'es-MX', scene: 'paused' } };
export const EspanolError: Story = { name: 'Español: error', args: { lang: 'es-MX', scene: 'error' } };
export const EspanolCompletado: Story = { name: 'Español: completado', args: { lang: 'es-MX', scene: 'complete' } };
export const English: Story = { name: 'English: empty', args: { lang: 'en', scene: 'empty' } };
export const EnglishQueued: Story = { name: 'English: queued', args: { lang: 'en', scene: 'queued' } };
export const EnglishUploading: Story = { name: 'English: uploading', args: { lang: 'en', scene: 'uploading' } };
export const EnglishPaused: Story = { name: 'English: paused', args: { lang: 'en', scene: 'paused' } };
export const EnglishError: Story = { name: 'English: error', args: { lang: 'en', scene: 'error' } };
export const EnglishComplete: Story = { name: 'English: complete', args: { lang: 'en', scene: 'complete' } };
export const EspanolMisEnvios: Story = { name: 'Español: Mis envíos', args: { lang: 'es-MX', scene: 'my-uploads' } };
export const EspanolSinTerminar: Story = { name: 'Español: carga sin terminar', args: { lang: 'es-MX', scene: 'unfinished' } };
export const EspanolRechazados: Story = { name: 'Español: archivos rechazados', args: { lang: 'es-MX', scene: 'rejected' } };
export const EnglishMyUploads: Story = { name: 'English: My uploads', args: { lang: 'en', scene: 'my-uploads' } };
export const EnglishUnfinished: Story = { name: 'English: unfinished upload', args: { lang: 'en', scene: 'unfinished' } };
export const EnglishRejected: Story = { name: 'English: rejected files', args: { lang: 'en', scene: 'rejected' } };
/** 320 px wide: everything wraps, nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Español: 320 px',
  args: { lang: 'es-MX', scene: 'uploading' },
  render: (a) => html`<div style="width: 320px"><ine-uploader lang=${a.lang} .preview=${scene(a.scene)}></ine-uploader></div>`,
};
