/**
 * An uploader sees what packaging made of the file it just sent: `<ine-uploader>` signed in as the
 * uploader role (its own Cognito credentials, no right to read clip records) uploads a real mp4 at
 * 120 frames per second, over the packager's limit of 60; the stand-in's packager fails it, writes
 * the upload's status document, and the card says "Falló" with the translated reason, its figures
 * and what to do (es-MX, then English), instead of "Completado".
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/elements/uploader/ine-uploader.js';
import type { IneUploader } from '../../../src/elements/uploader/ine-uploader.js';
import { configure, resetConfig } from '../../../src/config/config.js';
import { resetSharedCredentials } from '../../../src/auth/credentials.js';
import type { UploadPackagedDetail } from '../../../src/upload/index.js';
import { axeViolations, login, MIB, sharedEnv, waitFor } from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: IneUploader, sel: string) => el.shadowRoot!.querySelector<T>(sel);

async function mp4(name: string, fps: number): Promise<File> {
  const { base64 } = (await executeServerCommand('ine-packager-source-mp4', { width: 320, height: 240, seconds: 2, fps })) as { base64: string };
  return new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'video/mp4' });
}

describe('<ine-uploader>: the packaging outcome of the uploader’s own file', function () {
  this.timeout(300_000);

  it('a file that fails packaging: "Falló", the translated reason with its figures, what to do (es-MX and English), an event', async () => {
    const env = await sharedEnv();
    resetConfig();
    resetSharedCredentials();
    const token = await login(env, 'uploader');
    configure({ ...env.config, loginToken: async () => token, upload: { minPartSize: 5 * MIB } });
    const el = await fixture<IneUploader>(html`<ine-uploader auto></ine-uploader>`);
    const packaged: UploadPackagedDetail[] = [];
    el.addEventListener('ine-upload-packaged', (e) => packaged.push((e as CustomEvent<UploadPackagedDetail>).detail));

    await el.addFiles([await mp4('rapido.mp4', 120)], { title: 'Toma a 120 cuadros por segundo' });
    const li = () => $(el, '[part=item]')!;
    await waitFor(() => li().dataset.state === 'complete', 'the upload to complete', 120_000);
    await waitFor(() => li().dataset.packaging === 'failed', 'the packaging failure to reach the card', 120_000);
    await el.updateComplete;

    expect($(el, '[part=state]')!.textContent!.trim()).to.equal('Falló');
    const box = $(el, '[part=packaging-error]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.dataset.code).to.equal('frame-rate-too-high');
    expect(box.textContent).to.contain('El video tiene 120 cuadros por segundo; lo máximo que se procesa es 60.');
    expect(box.textContent).to.contain('Qué hacer:');
    expect(box.textContent).to.contain('Expórtalo a 30 o 60 cuadros por segundo y súbelo de nuevo.');
    expect(li().textContent).to.not.contain('Completado');
    expect(await axeViolations(el)).to.deep.equal([]);

    expect(packaged).to.have.length(1);
    expect(packaged[0]).to.deep.include({ fileName: 'rapido.mp4', status: 'failed', failureCode: 'frame-rate-too-high' });
    expect(packaged[0].failureParams).to.deep.equal({ fps: 120, maxFps: 60 });
    expect(packaged[0].videoId).to.match(/^[0-9a-f]{32}$/);
    await waitFor(() => $(el, '[aria-live]')!.textContent!.includes('No se pudo procesar rapido.mp4'), 'the failure announced');

    el.lang = 'en';
    await waitFor(() => $(el, '[part=state]')!.textContent!.trim() === 'Failed', 'the English state');
    expect($(el, '[part=packaging-error]')!.textContent).to.contain('The video has 120 frames per second; at most 60 can be processed.');
    expect($(el, '[part=packaging-error]')!.textContent).to.contain('What to do:');
    expect(await axeViolations(el)).to.deep.equal([]);
    el.remove();
  });
});
