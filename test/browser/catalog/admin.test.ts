// <ine-catalog admin> against the local stand-in with real Cognito-style credentials: edit, publish,
// unpublish and delete (each checked through the CDN as a viewer sees it), validation, two admins at
// once (merge and conflict), an uploader-role user refused, axe-core in admin mode.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/elements/catalog/ine-catalog.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import { getConfig } from '../../../src/config/config.js';
import { videoRecordKey, type VideoRecord } from '../../../src/contract/video-record.js';
import { adminS3, axe, cdnTitles, ready, record, seed, shadow, signIn, titles, typeSearch, uniqueWord } from './helpers.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => shadow(el).querySelector<T & Element>(sel) as T | null;

async function openEditor(el: IneCatalog, word: string): Promise<void> {
  await typeSearch(el, word);
  await waitUntil(() => titles(el).length === 1, 'one clip listed', { timeout: 10_000 });
  q(el, '[role="option"]')!.click();
  await waitUntil(() => q(el, 'dialog.edit input[name="title"]'), 'edit form open', { timeout: 20_000 });
  expect(q<HTMLDialogElement>(el, 'dialog.edit')!.open).to.equal(true);
}

async function setField(el: IneCatalog, name: string, value: string): Promise<void> {
  const input = q<HTMLInputElement>(el, `dialog.edit [name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' || name === 'tags' || name === 'actors' || name === 'broadcastAt' ? 'change' : 'input'));
  await el.updateComplete;
}

async function notice(el: IneCatalog, text: string): Promise<void> {
  await waitUntil(() => q(el, 'dialog.edit .notice')?.textContent?.includes(text), `notice "${text}"`, { timeout: 30_000 });
}

async function readRecord(id: string): Promise<VideoRecord | undefined> {
  const s3 = await adminS3();
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: getConfig().bucket, Key: videoRecordKey(id) }));
    return JSON.parse(await res.Body!.transformToString()) as VideoRecord;
  } catch {
    return undefined;
  }
}

const cdnStatus = async (key: string) => (await fetch(`${getConfig().cdnBaseUrl}/${key}`, { cache: 'no-store' })).status;

describe('<ine-catalog admin>', function () {
  // Each save is several conditional S3 writes; generous on a shared 2-core machine.
  this.timeout(180_000);
  before(() => signIn('admin'));

  it('lists drafts, processing and failed clips with their status and failure reason', async () => {
    const word = uniqueWord();
    await seed([
      record({ published: false, metadata: { title: `Borrador ${word}` } }),
      record({ status: 'processing', published: false, metadata: { title: `Procesando ${word}` } }),
      record({ status: 'failed', published: false, failureReason: 'El archivo no es un mp4 válido', metadata: { title: `Fallido ${word}` } }),
      // A failure with a code is shown in the page's language; the English detail stays in the title.
      record({
        status: 'failed',
        published: false,
        failureReason: 'The file lasts 5 h 0 min; the packager accepts at most 4 h 0 min.',
        failureCode: 'too-long',
        metadata: { title: `Largo ${word}` },
      }),
    ]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin lang="es-MX"></ine-catalog>`);
    await ready(el);
    await typeSearch(el, word);
    expect(titles(el).sort()).to.deep.equal([`Borrador ${word}`, `Fallido ${word}`, `Largo ${word}`, `Procesando ${word}`]);
    const text = shadow(el).querySelector('[role="listbox"]')!.textContent!;
    for (const s of ['Borrador', 'Procesando', 'Falló', 'El archivo no es un mp4 válido', 'El video dura más de lo que se permite procesar.'])
      expect(text).to.contain(s);
    expect(text).not.to.contain('The file lasts');
    expect(shadow(el).querySelector('[title^="The file lasts 5 h"]'), 'the detailed reason on hover').to.exist;
  });

  it('edits, publishes, unpublishes and deletes; a viewer sees each change through the CDN', async () => {
    const word = uniqueWord();
    const rec = record({ published: false, publishedAt: undefined, metadata: { title: `Nota ${word}`, outlet: 'Canal Once' } });
    await seed([rec]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await ready(el);
    await openEditor(el, word);
    expect(await cdnTitles(word)).to.deep.equal([]);

    // Publish.
    let change = oneEvent(el, 'ine-catalog-change');
    q(el, 'dialog.edit button[name="publish"]')!.click();
    expect(((await change) as CustomEvent).detail).to.deep.equal({ videoId: rec.id, action: 'publish' });
    await notice(el, 'Clip publicado.');
    expect(await cdnTitles(word)).to.deep.equal([`Nota ${word}`]);
    expect(await cdnStatus(`media/${rec.id}/video.json`)).to.equal(200);

    // Edit.
    await setField(el, 'title', `Nota editada ${word}`);
    await setField(el, 'state', 'Yucatán');
    await setField(el, 'tags', 'debate, veda');
    await setField(el, 'actors', 'Xóchitl Gálvez, PAN, PAN');
    change = oneEvent(el, 'ine-catalog-change');
    q(el, 'dialog.edit button[type="submit"]')!.click();
    expect(((await change) as CustomEvent).detail.action).to.equal('edit');
    await notice(el, 'Cambios guardados.');
    expect(await cdnTitles(word)).to.deep.equal([`Nota editada ${word}`]);
    const saved = (await readRecord(rec.id))!;
    expect(saved.metadata).to.include({ title: `Nota editada ${word}`, state: 'Yucatán', outlet: 'Canal Once' });
    expect(saved.metadata.tags).to.deep.equal(['debate', 'veda']);
    expect(saved.metadata.actors).to.deep.equal(['Xóchitl Gálvez', 'PAN']);
    const viewer = await fixture<IneCatalog>(html`<ine-catalog></ine-catalog>`);
    await ready(viewer);
    await typeSearch(viewer, `veda ${word}`);
    expect(titles(viewer)).to.deep.equal([`Nota editada ${word}`]);
    // The actor reached the public catalog: searchable without accents, and a filter value.
    await typeSearch(viewer, `xochitl ${word}`);
    expect(titles(viewer)).to.deep.equal([`Nota editada ${word}`]);
    await waitUntil(() => shadow(viewer).querySelector('select[name="filter-actor"] option[value="Xóchitl Gálvez"]'), 'actor facet value', {
      timeout: 10_000,
    });

    // Unpublish.
    q(el, 'dialog.edit button[name="publish"]')!.click();
    await notice(el, 'Clip despublicado.');
    expect(await cdnTitles(word)).to.deep.equal([]);
    expect(await cdnStatus(`media/${rec.id}/video.json`)).to.not.equal(200);
    expect((await readRecord(rec.id))!.published).to.equal(false);

    // Delete, after a confirmation naming the clip.
    q(el, 'dialog.edit button.danger')!.click();
    await waitUntil(() => q(el, 'dialog.delete'), 'confirmation');
    expect(q(el, 'dialog.delete')!.textContent).to.contain(`Nota editada ${word}`);
    change = oneEvent(el, 'ine-catalog-change');
    q(el, 'dialog.delete button[name="confirm-delete"]')!.click();
    expect(((await change) as CustomEvent).detail).to.deep.equal({ videoId: rec.id, action: 'delete' });
    expect(await readRecord(rec.id)).to.equal(undefined);
    await el.updateComplete;
    expect(titles(el)).to.deep.equal([]);
    await viewer.refresh();
    await ready(viewer);
    await typeSearch(viewer, word);
    expect(titles(viewer)).to.deep.equal([]);
  });

  it('validates the form: a required title and valid dates; nothing is written', async () => {
    const word = uniqueWord();
    const rec = record({ published: false, metadata: { title: `Validar ${word}` } });
    await seed([rec]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await ready(el);
    await openEditor(el, word);
    await setField(el, 'title', '   ');
    q(el, 'dialog.edit button[type="submit"]')!.click();
    await waitUntil(() => q(el, 'dialog.edit input[name="title"]')!.getAttribute('aria-invalid') === 'true', 'title marked invalid');
    expect(q(el, '#err-title')!.textContent).to.contain('obligatorio');
    expect((await readRecord(rec.id))!.metadata.title).to.equal(`Validar ${word}`);
    // A list over its limit (from the field definition) is refused with its own message.
    await setField(el, 'title', `Validar ${word}`);
    await setField(el, 'actors', Array.from({ length: 31 }, (_, i) => `Actor ${i}`).join(', '));
    q(el, 'dialog.edit button[type="submit"]')!.click();
    await waitUntil(() => q(el, 'dialog.edit input[name="actors"]')!.getAttribute('aria-invalid') === 'true', 'actors marked invalid', {
      timeout: 10_000,
    });
    expect(q(el, '#err-actors')!.textContent).to.contain('Máximo 30 actores políticos');
    expect((await readRecord(rec.id))!.metadata.actors).to.equal(undefined);
  });

  it('two admins at once: different fields merge, the same field shows a conflict, nothing is lost', async () => {
    const word = uniqueWord();
    const rec = record({ metadata: { title: `Original ${word}`, description: 'Uno' } });
    await seed([rec]);
    const wrap = await fixture<HTMLDivElement>(html`<div><ine-catalog admin id="a"></ine-catalog><ine-catalog admin id="b"></ine-catalog></div>`);
    const [a, b] = [...wrap.querySelectorAll('ine-catalog')];
    await Promise.all([ready(a), ready(b)]);
    await openEditor(a, word);
    await openEditor(b, word);

    await setField(a, 'title', `Título de A ${word}`);
    q(a, 'dialog.edit button[type="submit"]')!.click();
    await notice(a, 'Cambios guardados.');
    await setField(b, 'description', 'Descripción de B');
    q(b, 'dialog.edit button[type="submit"]')!.click();
    await notice(b, 'otra persona');
    let now = (await readRecord(rec.id))!;
    expect(now.metadata.title).to.equal(`Título de A ${word}`);
    expect(now.metadata.description).to.equal('Descripción de B');

    // Same field: A saves first, B's save must not overwrite it silently.
    await setField(a, 'title', `A otra vez ${word}`);
    // Wait for this save itself: A's notice still says "Cambios guardados." from its first save.
    const savedAgain = oneEvent(a, 'ine-catalog-change');
    q(a, 'dialog.edit button[type="submit"]')!.click();
    await savedAgain;
    await notice(a, 'Cambios guardados.');
    await setField(b, 'title', `B otra vez ${word}`);
    const conflict = oneEvent(b, 'ine-catalog-conflict');
    q(b, 'dialog.edit button[type="submit"]')!.click();
    expect(((await conflict) as CustomEvent).detail).to.deep.equal({ videoId: rec.id, fields: ['title'] });
    await b.updateComplete;
    const box = q(b, '.conflict')!;
    expect(box.textContent).to.contain(`A otra vez ${word}`);
    expect(box.textContent).to.contain(`B otra vez ${word}`);
    expect((await readRecord(rec.id))!.metadata.title).to.equal(`A otra vez ${word}`);
    // B chooses to type a third value combining both.
    const custom = q<HTMLInputElement>(b, '.conflict input[name="custom-title"]')!;
    custom.value = `A y B ${word}`;
    custom.dispatchEvent(new Event('input'));
    await b.updateComplete;
    q(b, 'button[name="resolve"]')!.click();
    await notice(b, 'Cambios guardados');
    now = (await readRecord(rec.id))!;
    expect(now.metadata.title).to.equal(`A y B ${word}`);
    expect(now.metadata.description).to.equal('Descripción de B');
    expect(await cdnTitles(word)).to.deep.equal([`A y B ${word}`]);
  });

  it('has no axe-core violations in admin mode, with the editor open', async () => {
    const word = uniqueWord();
    await seed([record({ metadata: { title: `Accesible ${word}` } })]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await ready(el);
    await typeSearch(el, word);
    expect((await axe(el)).violations.map((v) => v.id)).to.deep.equal([]);
    await openEditor(el, word);
    expect((await axe(el)).violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('an uploader-role user cannot edit: a clear AccessDenied message, no clips', async () => {
    try {
      await signIn('uploader');
      const errors: string[] = [];
      const el = await fixture<IneCatalog>(html`<ine-catalog admin @ine-error=${(e: CustomEvent) => errors.push(e.detail.code)}></ine-catalog>`);
      await ready(el);
      expect(errors).to.include('AccessDenied');
      expect(q(el, '[role="alert"]')!.textContent).to.contain('no tiene permiso');
      expect(titles(el)).to.deep.equal([]);
    } finally {
      await signIn('admin');
    }
  });

  it('rolls back an optimistic edit when the network fails, keeps the form, and saves once it is back', async () => {
    const word = uniqueWord();
    const rec = record({ metadata: { title: `Sin red ${word}` } });
    await seed([rec]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin></ine-catalog>`);
    await ready(el);
    await openEditor(el, word);
    await setField(el, 'title', `Con cambios ${word}`);
    await executeServerCommand('ine-stand-in-stop');
    try {
      q(el, 'dialog.edit button[type="submit"]')!.click();
      await waitUntil(() => q(el, 'dialog.edit .notice.error'), 'network error shown', { timeout: 120_000 });
      expect(q(el, 'dialog.edit .notice.error')!.textContent).to.contain('Se perdió la conexión');
      expect(titles(el)).to.deep.equal([`Sin red ${word}`], 'rolled back in the list');
      expect(q<HTMLInputElement>(el, 'dialog.edit input[name="title"]')!.value).to.equal(`Con cambios ${word}`, 'the form keeps the edit');
    } finally {
      await executeServerCommand('ine-stand-in-start');
    }
    q(el, 'dialog.edit button[type="submit"]')!.click();
    await notice(el, 'Cambios guardados.');
    expect((await readRecord(rec.id))!.metadata.title).to.equal(`Con cambios ${word}`);
    expect(titles(el)).to.deep.equal([`Con cambios ${word}`]);
  });
});
