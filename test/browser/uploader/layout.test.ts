import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/uploader/ine-uploader.js';
import type { IneUploader } from '../../../src/elements/uploader/ine-uploader.js';
import type { UploadItem } from '../../../src/upload/upload-queue.js';
import { axeViolations } from './helpers.js';

// Layout and accessibility of every state, rendered from queue snapshots through the element's
// documented `preview` property (no network needed for this).
const MIB = 1024 * 1024;
const item = (over: Partial<UploadItem>): UploadItem => ({
  id: over.id ?? 'x',
  fileName: 'cobertura-debate-presidencial-tercer-bloque-version-final-sin-cortes.mp4',
  size: 734 * MIB,
  lastModified: 1,
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
  ...over,
  acknowledged: over.loaded ?? 0,
});
const items: UploadItem[] = [
  item({ id: 'a', state: 'ready', resumable: true }),
  item({ id: 'b', state: 'uploading', metadata: { title: 'Debate' }, loaded: 300 * MIB, percent: 40.9, speed: 9 * MIB, eta: 48 }),
  item({ id: 'c', state: 'paused', metadata: { title: 'Pausa' }, loaded: 100 * MIB, percent: 13.6 }),
  item({ id: 'd', state: 'waiting', waitingFor: 'offline', metadata: { title: 'Sin red' } }),
  item({ id: 'e', state: 'error', metadata: { title: 'Error' }, error: { code: 'ChecksumMismatch', message: '' } }),
  item({ id: 'f', state: 'invalid', error: { code: 'NotMp4', message: '' } }),
  item({ id: 'g', state: 'complete', metadata: { title: 'Listo' }, loaded: 734 * MIB, percent: 100, sha256: 'ab'.repeat(32) }),
];

describe('<ine-uploader> layout', () => {
  for (const lang of ['es-MX', 'en']) {
    it(`fits 320 px without horizontal scrolling and has no axe violations in every state (${lang})`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="width:320px"><ine-uploader lang=${lang} .preview=${items}></ine-uploader></div>`);
      const el = wrap.querySelector<IneUploader>('ine-uploader')!;
      await el.updateComplete;
      const base = el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
      expect(el.getBoundingClientRect().width).to.equal(320);
      for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
        const r = node.getBoundingClientRect();
        if (r.width === 0) continue;
        expect(r.right, `${node.localName}[part=${node.getAttribute('part')}] overflows`).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      }
      expect(base.scrollWidth).to.be.at.most(base.clientWidth);
      const bars = el.shadowRoot!.querySelectorAll('[role=progressbar]');
      expect(bars.length).to.be.greaterThan(4);
      expect(el.shadowRoot!.querySelector('[data-id=b] [role=progressbar]')!.getAttribute('aria-valuenow')).to.equal('40');
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }
});
