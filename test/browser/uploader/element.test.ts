import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/uploader/ine-uploader.js';
import type { IneUploader } from '../../../src/elements/uploader/ine-uploader.js';
import { configure, resetConfig } from '../../../src/config/config.js';
import { resetSharedCredentials } from '../../../src/auth/credentials.js';
import { manifestKeyFor, type UploadManifest } from '../../../src/contract/upload-manifest.js';
import type { LoginToken } from '../../../src/config/types.js';
import esMX from '../../../src/elements/uploader/lang/es-MX.js';
import en from '../../../src/elements/uploader/lang/en.js';
import {
  axeViolations,
  getJson,
  login,
  MIB,
  multipartUploads,
  realMp4,
  s3Requests,
  sha256Hex,
  sharedEnv,
  waitFor,
  type StandInEnv,
} from './helpers.js';

async function signIn(env: StandInEnv, token: LoginToken): Promise<void> {
  resetConfig();
  resetSharedCredentials();
  configure({ ...env.config, loginToken: async () => token, upload: { minPartSize: 5 * MIB, concurrency: 2 } });
}

const $ = <T extends Element = HTMLElement>(el: IneUploader, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const $$ = (el: IneUploader, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const item = (el: IneUploader, fileName: string) =>
  $$(el, '[part=item]').find((li) => li.querySelector('[part=file-name]')!.textContent === fileName)!;

function collect(el: Element, type: string): CustomEvent[] {
  const seen: CustomEvent[] = [];
  document.addEventListener(type, (e) => e.composedPath()[0] === el && seen.push(e as CustomEvent));
  return seen;
}

describe('<ine-uploader> in Chromium against the local stand-in', function () {
  this.timeout(180_000);
  let env: StandInEnv;

  before(async () => {
    env = await sharedEnv();
  });

  it('has a drop zone that is a keyboard-operable button opening the file input in its shadow root', async () => {
    await signIn(env, await login(env, 'uploader'));
    const el = await fixture<IneUploader>(html`<ine-uploader></ine-uploader>`);
    const zone = $(el, '[part=dropzone]');
    expect(zone.getAttribute('role')).to.equal('button');
    expect(zone.tabIndex).to.equal(0);
    expect(zone.textContent).to.contain(esMX.dropTitle as string);
    const input = $<HTMLInputElement>(el, 'input[type=file]');
    expect(input.multiple).to.equal(true);
    let opened = 0;
    input.addEventListener('click', (e) => {
      opened++;
      e.preventDefault(); // no native dialog in the test
    });
    zone.focus();
    expect(el.shadowRoot!.activeElement).to.equal(zone);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('refuses each invalid file with a translated message and sends nothing', async () => {
    await signIn(env, await login(env, 'uploader'));
    const el = await fixture<IneUploader>(html`<ine-uploader max-file-size=${8 * MIB}></ine-uploader>`);
    const errors = collect(el, 'ine-upload-error');
    const requests = s3Requests(env);
    const mp4 = await realMp4(1 * MIB, 'bueno.mp4');
    const big = await realMp4(9 * MIB, 'grande.mp4');
    const webm = await realMp4(1 * MIB, 'webm-disfrazado.mp4', 'webm');
    // A QuickTime export is accepted (the packager handles .mov): it joins the queue, not the refusals.
    const mov = await realMp4(1 * MIB, 'quicktime.mov', 'mov');
    const text = new File(['esto no es un video\n'.repeat(100)], 'notas.mp4', { type: 'video/mp4' });
    const empty = new File([], 'vacio.mp4', { type: 'video/mp4' });
    await el.addFiles([mp4, big, webm, mov, text, empty, mp4]);
    await el.updateComplete;
    const expected: Array<[string, string]> = [
      ['grande.mp4', 'TooLarge'],
      ['webm-disfrazado.mp4', 'NotMp4'],
      ['notas.mp4', 'NotMp4'],
      ['vacio.mp4', 'EmptyFile'],
      ['bueno.mp4', 'AlreadyQueued'],
    ];
    expect(errors.map((e) => [e.detail.fileName, e.detail.code])).to.deep.equal(expected);
    for (const e of errors) expect(e.detail.message).to.equal((esMX as Record<string, unknown>)[`error.${e.detail.code}`]);
    // Refusals are short notices, not queue cards, and the summary counts only the real uploads.
    expect($$(el, '[part=item]').map((li) => li.querySelector('[part=file-name]')!.textContent)).to.deep.equal(['bueno.mp4', 'quicktime.mov']);
    const notices = $$(el, '[part=notice]');
    expect(notices.map((n) => n.dataset.code)).to.deep.equal(expected.map(([, code]) => code));
    expect(notices[2].textContent).to.contain(`notas.mp4: ${esMX['error.NotMp4']}`);
    expect($(el, '[part=summary]').textContent).to.contain('0 de 2 completados');
    await waitFor(() => $(el, '[aria-live]').textContent === 'Se agregaron 2 archivos. 5 archivos rechazados.', 'what happened, announced');
    expect(item(el, 'bueno.mp4').dataset.state).to.equal('ready');
    expect(item(el, 'quicktime.mov').dataset.state).to.equal('ready');
    expect(s3Requests(env) - requests, 'no request to S3').to.equal(0);
    expect(await axeViolations(el)).to.deep.equal([]);
    // Each notice can be dismissed from the keyboard.
    const close = notices[0].querySelector('button')!;
    expect(close.getAttribute('aria-label')).to.equal((esMX.dismissLabel as (n: string) => string)('grande.mp4'));
    close.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($$(el, '[part=notice]').length).to.equal(4);
  });

  it('needs a title; then "Subir" uploads with the form metadata and shows the SHA-256', async () => {
    const token = await login(env, 'uploader');
    await signIn(env, token);
    const el = await fixture<IneUploader>(html`<ine-uploader></ine-uploader>`);
    const completes = collect(el, 'ine-upload-complete');
    const starts = collect(el, 'ine-upload-start');
    const progress = collect(el, 'ine-upload-progress');
    const file = await realMp4(7 * MIB, 'formulario.mp4');
    await el.addFiles([file]);
    await el.updateComplete;
    const li = item(el, 'formulario.mp4');
    const form = li.querySelector('form')!;
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(submit.textContent).to.equal('Subir');
    submit.click();
    await el.updateComplete;
    const title = form.querySelector<HTMLInputElement>('[name=title]')!;
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(li.textContent).to.contain(esMX['invalid.required.title'] as string);
    expect(el.queue[0].state, 'not started without a title').to.equal('ready');

    const set = (name: string, value: string) => {
      const f = form.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name=${name}]`)!;
      f.value = value;
      f.dispatchEvent(new Event('input', { bubbles: true }));
      f.dispatchEvent(new Event('change', { bubbles: true }));
    };
    for (const n of ['title', 'description', 'outlet', 'program', 'broadcastAt', 'state', 'tags', 'actors'])
      expect(form.querySelector(`[name=${n}]`), n).to.not.equal(null);
    expect(form.querySelectorAll('[name=state] option').length).to.equal(33);
    // Limits from the field definition reach the form: as attributes, and as a translated refusal.
    expect(title.maxLength).to.equal(500);
    expect(li.textContent).to.contain(esMX['hint.actors'] as string);
    set('title', 'Conferencia matutina');
    set('actors', Array.from({ length: 31 }, (_, i) => `Actor ${i}`).join(', '));
    submit.click();
    await el.updateComplete;
    const actors = form.querySelector<HTMLInputElement>('[name=actors]')!;
    expect(actors.getAttribute('aria-invalid'), 'too many actors').to.equal('true');
    expect(li.textContent).to.contain((esMX['invalid.actors'] as (n: number, c: number) => string)(30, 100));
    expect(el.queue[0].state, 'not started with too many actors').to.equal('ready');
    set('actors', 'Morena, PAN, Morena');
    set('title', 'Conferencia matutina');
    set('description', 'Bloque de preguntas');
    set('outlet', 'Canal Once');
    set('program', 'Once Noticias');
    set('broadcastAt', '2024-06-02T20:30');
    set('state', 'Jalisco');
    set('tags', 'conferencia, prensa');
    submit.click();
    await waitFor(() => completes.length, 'ine-upload-complete');
    const sha = await sha256Hex(file);
    const d = completes[0].detail;
    expect(d.sha256).to.equal(sha);
    expect(d.size).to.equal(file.size);
    expect(d.metadata).to.deep.include({
      title: 'Conferencia matutina',
      description: 'Bloque de preguntas',
      outlet: 'Canal Once',
      program: 'Once Noticias',
      state: 'Jalisco',
      tags: ['conferencia', 'prensa'],
      actors: ['Morena', 'PAN'],
    });
    expect(d.metadata.broadcastAt).to.match(/^2024-06-02T20:30:00[+-]\d\d:\d\d$/);
    expect(new Date(d.metadata.broadcastAt).getTime()).to.equal(new Date(2024, 5, 2, 20, 30).getTime());
    expect(starts.length).to.equal(1);
    expect(progress.at(-1)!.detail).to.deep.include({ key: d.key, loaded: file.size, total: file.size });
    expect(completes[0].bubbles && completes[0].composed).to.equal(true);
    const manifest = await getJson<UploadManifest>(env, manifestKeyFor(d.key));
    expect(manifest.metadata).to.deep.equal(d.metadata);
    expect(manifest.sha256).to.equal(sha);

    await el.updateComplete;
    const done = item(el, 'formulario.mp4');
    expect(done.dataset.state).to.equal('complete');
    expect(done.querySelector('[part=sha] code')!.textContent).to.equal(sha);
    expect(done.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).to.equal('100');
    await waitFor(() => $(el, '[aria-live]').textContent!.includes('formulario.mp4'), 'announcement');
    expect($(el, '[aria-live]').textContent).to.equal((esMX['announce.complete'] as (n: string) => string)('formulario.mp4'));
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('with `auto`, files given metadata through addFiles() start at once; buttons carry the file name', async () => {
    await signIn(env, await login(env, 'uploader'));
    const el = await fixture<IneUploader>(html`<ine-uploader auto concurrency="1" part-size=${5 * MIB}></ine-uploader>`);
    const completes = collect(el, 'ine-upload-complete');
    const file = await realMp4(11 * MIB, 'automatico.mp4');
    await el.addFiles([file], { title: 'Automático' });
    await waitFor(() => el.queue[0]?.state === 'uploading' || el.queue[0]?.state === 'complete', 'upload start');
    el.pause();
    await el.updateComplete;
    const resume = item(el, 'automatico.mp4').querySelector<HTMLButtonElement>('button[aria-label*="automatico.mp4"]')!;
    expect(el.queue[0].state).to.equal('paused');
    expect(resume.getAttribute('aria-label')).to.equal((esMX.resumeLabel as (n: string) => string)('automatico.mp4'));
    resume.click();
    await waitFor(() => completes.length, 'ine-upload-complete');
    expect(el.queue[0].partSize).to.equal(5 * MIB);
  });

  it('refuses a viewer with a clear message, before any request to S3', async () => {
    const token = await login(env, 'viewer');
    expect(token.role).to.equal('viewer');
    await signIn(env, token);
    const el = await fixture<IneUploader>(html`<ine-uploader auto></ine-uploader>`);
    const errors = collect(el, 'ine-upload-error');
    const requests = s3Requests(env);
    await el.addFiles([await realMp4(1 * MIB, 'visor.mp4')], { title: 'No debe subir' });
    await waitFor(() => errors.length, 'ine-upload-error');
    expect(errors[0].detail).to.deep.equal({ code: 'UploadNotAllowed', message: esMX['error.UploadNotAllowed'], fileName: 'visor.mp4' });
    await el.updateComplete;
    expect(item(el, 'visor.mp4').querySelector('[part=error]')!.textContent).to.equal(esMX['error.UploadNotAllowed']);
    expect(s3Requests(env) - requests, 'no request to S3').to.equal(0);
    expect(await multipartUploads(env, `uploads/${token.identityId}/`)).to.deep.equal([]);
  });

  it('when S3 answers AccessDenied on Create (role not stated by the host), shows the same message and sends nothing more', async () => {
    const token = await login(env, 'viewer');
    await signIn(env, { ...token, role: undefined });
    const el = await fixture<IneUploader>(html`<ine-uploader auto lang="en"></ine-uploader>`);
    const errors = collect(el, 'ine-upload-error');
    await el.addFiles([await realMp4(6 * MIB, 'denied.mp4')], { title: 'Denied' });
    await waitFor(() => errors.length, 'ine-upload-error');
    expect(errors[0].detail).to.deep.equal({ code: 'UploadNotAllowed', message: en['error.UploadNotAllowed'], fileName: 'denied.mp4' });
    const requests = s3Requests(env);
    await el.addFiles([await realMp4(1 * MIB, 'denied-too.mp4')], { title: 'Denied too' });
    await waitFor(() => errors.length === 2, 'second refusal');
    expect(s3Requests(env) - requests, 'nothing more sent').to.equal(0);
    expect(await multipartUploads(env, `uploads/${token.identityId}/`)).to.deep.equal([]);
  });

  it('speaks English with lang="en"', async () => {
    await signIn(env, await login(env, 'uploader'));
    const el = await fixture<IneUploader>(html`<ine-uploader lang="en"></ine-uploader>`);
    expect($(el, '[part=dropzone]').textContent).to.contain(en.dropTitle as string);
    await el.addFiles([new File(['x'], 'x.mp4')]);
    await el.updateComplete;
    expect($(el, '[part=notice]').textContent).to.contain(`x.mp4: ${en['error.NotMp4']}`);
    await waitFor(() => $(el, '[aria-live]').textContent === '1 file rejected.', 'the refusal announced in English');
  });
});
