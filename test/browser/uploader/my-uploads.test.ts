/**
 * The uploader's path, end to end, in Chromium against the stand-in (its packager and catalog
 * indexer): `<ine-uploader>` signed in as the uploader role (its own Cognito credentials: it may read
 * only its own status documents) sends a real mp4; "Mis envíos" shows it uploading, processing (with
 * the packager's step), ready for review; an admin publishes it through the Web API and the uploader
 * sees "Publicado" without a reload. A file that fails packaging shows its translated reason and
 * what to do. An upload left unfinished is offered as soon as the page opens, and picking the same
 * file again shows where it is with "Continuar". axe stays clean at each step.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/uploader/ine-uploader.js';
import type { IneUploader } from '../../../src/elements/uploader/ine-uploader.js';
import { configure, resetConfig } from '../../../src/config/config.js';
import { resetSharedCredentials } from '../../../src/auth/credentials.js';
import type { LoginToken } from '../../../src/config/types.js';
import type { UploadStage } from '../../../src/contract/upload-status.js';
import esMX from '../../../src/elements/uploader/lang/es-MX.js';
import en from '../../../src/elements/uploader/lang/en.js';
import { axeViolations, login, MIB, realMp4, sharedEnv, waitFor, type StandInEnv } from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: IneUploader, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = (el: IneUploader, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const entry = (el: IneUploader, key: string) => $$(el, '[part=my-upload]').find((li) => li.dataset.key === key);

async function generatedMp4(name: string, fps: number): Promise<File> {
  const { base64 } = (await executeServerCommand('ine-packager-source-mp4', { width: 320, height: 240, seconds: 2, fps })) as { base64: string };
  return new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'video/mp4' });
}

function signIn(env: StandInEnv, token: LoginToken): void {
  resetConfig();
  resetSharedCredentials();
  // Parts of 5 MiB whatever the link measured: an upload of a few parts can be left half done.
  configure({ ...env.config, loginToken: async () => token, upload: { minPartSize: 5 * MIB, partSize: 5 * MIB, concurrency: 1 } });
}

interface StageDetail {
  key: string;
  title: string;
  stage: UploadStage;
  from?: UploadStage;
  videoId?: string;
}

describe('<ine-uploader>: "Mis envíos", the uploader’s path from upload to publication', function () {
  this.timeout(300_000);
  let env: StandInEnv;
  let uploader: LoginToken;

  before(async () => {
    env = await sharedEnv();
    uploader = await login(env, 'uploader');
  });

  it('upload → processing → ready for review → published (by an admin, through the Web API), without a reload', async () => {
    signIn(env, uploader);
    const el = await fixture<IneUploader>(html`<ine-uploader auto></ine-uploader>`);
    const stages: StageDetail[] = [];
    const processingSeen: boolean[] = [];
    el.addEventListener('ine-upload-stage', (e) => {
      const d = (e as CustomEvent<StageDetail>).detail;
      stages.push(d);
      // While processing, the entry shows a progress bar with the packager's step.
      if (d.stage === 'processing')
        void el.updateComplete.then(() => {
          const bar = entry(el, d.key)?.querySelector('[role=progressbar]');
          processingSeen.push(!!bar && /Procesamiento de /.test(bar.getAttribute('aria-label') ?? ''));
        });
    });

    await el.addFiles([await generatedMp4('debate.mp4', 25)], { title: 'Debate, segundo bloque' });
    const key = await waitFor(() => stages[0]?.key, 'the upload listed in Mis envíos', 60_000);
    expect(stages[0]).to.deep.include({ stage: 'uploading', title: 'Debate, segundo bloque' });
    expect($(el, '[part=my-uploads-title]')!.textContent).to.equal(esMX.myUploads);

    await waitFor(() => entry(el, key)?.dataset.stage === 'review', 'ready for review', 180_000);
    await el.updateComplete;
    const li = entry(el, key)!;
    expect(li.querySelector('[part=my-upload-title]')!.textContent).to.equal('Debate, segundo bloque');
    expect(li.querySelector('[part=stage]')!.textContent).to.equal('Listo para revisión');
    expect(li.querySelector('[part=stage-hint]')!.textContent).to.equal(esMX['stageHint.review']);
    expect(processingSeen).to.deep.equal([true]);
    expect(await axeViolations(el)).to.deep.equal([]);

    // An admin publishes it through the Web API; the indexer writes the uploader's status.
    const videoId = stages.find((s) => s.stage === 'review')!.videoId!;
    const admin = await login(env, 'admin');
    const apiUrl = (env.config as unknown as { apiUrl: string }).apiUrl;
    const res = await fetch(`${apiUrl}/clips/${videoId}/publish`, { method: 'POST', headers: { authorization: `Bearer ${admin.accessToken}` } });
    expect(res.status, await res.clone().text()).to.equal(200);

    await waitFor(() => entry(el, key)?.dataset.stage === 'published', 'published, seen by the uploader', 120_000);
    expect(stages.map((s) => s.stage)).to.deep.equal(['uploading', 'processing', 'review', 'published']);
    await waitFor(() => $(el, '[aria-live]')!.textContent === 'Debate, segundo bloque: Publicado.', 'the publication announced');
    expect(await axeViolations(el)).to.deep.equal([]);

    el.lang = 'en';
    await waitFor(() => entry(el, key)?.querySelector('[part=stage]')?.textContent === 'Published', 'the English stage');
    expect($(el, '[part=my-uploads-title]')!.textContent).to.equal(en.myUploads);
    expect(await axeViolations(el)).to.deep.equal([]);

    // Remembered: a new visit of the same uploader lists it at once.
    el.remove();
    const again = await fixture<IneUploader>(html`<ine-uploader></ine-uploader>`);
    await waitFor(() => entry(again, key)?.dataset.stage === 'published', 'remembered on the next visit');
    // Keyboard: it can be removed from the list.
    const forget = entry(again, key)!.querySelector<HTMLButtonElement>('button')!;
    forget.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !entry(again, key), 'removed from the list');
    again.remove();
  });

  it('a file that fails packaging: "Falló", the translated reason and what to do', async () => {
    signIn(env, uploader);
    const el = await fixture<IneUploader>(html`<ine-uploader auto></ine-uploader>`);
    const stages: StageDetail[] = [];
    el.addEventListener('ine-upload-stage', (e) => stages.push((e as CustomEvent<StageDetail>).detail));
    await el.addFiles([await generatedMp4('rapido.mp4', 120)], { title: 'Toma a 120 cuadros' });
    const key = await waitFor(() => stages[0]?.key, 'listed', 60_000);
    await waitFor(() => entry(el, key)?.dataset.stage === 'failed', 'the failure in Mis envíos', 180_000);
    await el.updateComplete;
    const li = entry(el, key)!;
    expect(li.querySelector('[part=stage]')!.textContent).to.equal('Falló');
    const box = li.querySelector<HTMLElement>('[part=packaging-error]')!;
    expect(box.dataset.code).to.equal('frame-rate-too-high');
    expect(box.textContent).to.contain('El video tiene 120 cuadros por segundo; lo máximo que se procesa es 60.');
    expect(box.textContent).to.contain('Expórtalo a 30 o 60 cuadros por segundo y súbelo de nuevo.');
    expect(stages.map((s) => s.stage)).to.deep.equal(['uploading', 'processing', 'failed']);
    expect(await axeViolations(el)).to.deep.equal([]);
    el.remove();
  });

  it('an unfinished upload is offered as soon as the page opens; the same file shows where it is and "Continuar"', async () => {
    signIn(env, uploader);
    const file = await realMp4(16 * MIB, `sin-terminar-${Date.now()}.mp4`);
    const first = await fixture<IneUploader>(html`<ine-uploader></ine-uploader>`);
    const [item] = await first.addFiles([file], { title: 'Entrevista sin terminar' });
    first.start(item.id);
    // One part acknowledged, then paused and the page left.
    await waitFor(() => (first.queue[0]?.acknowledged ?? 0) >= 5 * MIB, 'a first part sent', 120_000);
    first.pause(item.id);
    await waitFor(() => first.queue[0]?.state === 'paused', 'paused');
    const sent = first.queue[0].acknowledged;
    first.remove();

    const el = await fixture<IneUploader>(html`<ine-uploader></ine-uploader>`);
    const offer = await waitFor(() => $(el, '[part=unfinished]'), 'the offer, before any file is picked');
    expect(offer.textContent).to.match(/Tienes \d+ cargas? sin terminar: elige (el mismo archivo|los mismos archivos) para continuar\./);
    const pct = new Intl.NumberFormat('es-MX', { style: 'percent', maximumFractionDigits: 0 }).format(sent / file.size);
    expect(offer.textContent).to.contain(`Entrevista sin terminar: ${pct} enviado`);
    expect(await axeViolations(el)).to.deep.equal([]);

    await el.addFiles([file]);
    await el.updateComplete;
    const card = $(el, '[part=item]')!;
    expect(card.dataset.state).to.equal('ready');
    expect(card.querySelector('[part=resume-note]')!.textContent).to.contain(`Ya se había enviado ${pct}`);
    expect(card.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).to.equal(String(Math.floor((sent / file.size) * 100)));
    const go = card.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(go.textContent).to.equal(esMX.continue);
    expect(go.getAttribute('aria-label')).to.equal((esMX.continueLabel as (n: string) => string)(file.name));
    await waitFor(() => !$$(el, '[part=unfinished-item]').some((li) => li.textContent!.includes('Entrevista sin terminar')), 'no longer offered');
    expect(await axeViolations(el)).to.deep.equal([]);

    go.click();
    await waitFor(() => el.queue[0]?.state === 'complete', 'continued to the end', 120_000);
    expect(el.queue[0].resumed).to.equal(true);
    expect(el.queue[0].partsSent, 'only the missing parts sent').to.be.lessThan(Math.ceil(file.size / (5 * MIB)));
    el.remove();
  });
});
