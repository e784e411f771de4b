// The history of a clip in <ine-catalog admin>'s editor, against the stand-in: an edit and a
// publication made through the element appear, newest first, with who, the role, and each changed
// field before → after; keyboard-operable, axe-clean, in Spanish and in English.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/catalog/ine-catalog.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import { axe, ready, record, seed, shadow, signIn, titles, typeSearch, uniqueWord } from './helpers.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => shadow(el).querySelector<T & Element>(sel) as T | null;

async function openEditor(el: IneCatalog, word: string): Promise<void> {
  await typeSearch(el, word);
  await waitUntil(() => titles(el).length === 1, 'one clip listed', { timeout: 10_000 });
  q(el, '[role="option"]')!.click();
  await waitUntil(() => q(el, 'dialog.edit input[name="title"]'), 'edit form open', { timeout: 20_000 });
}

/** The history's rows as [field, before, after] per entry, newest first. */
const rows = (el: IneCatalog) =>
  [...shadow(el).querySelectorAll('.history-list > li')].map((li) =>
    [...li.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim())),
  );

describe('<ine-catalog admin>: clip history', function () {
  this.timeout(180_000);
  before(() => signIn('admin'));

  it('shows who changed which field, before → after, newest first; keyboard and axe clean (es-MX)', async () => {
    const word = uniqueWord();
    await seed([record({ published: false, publishedAt: undefined, metadata: { title: `Antes ${word}`, outlet: 'Canal Once' } })]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin lang="es-MX"></ine-catalog>`);
    await ready(el);
    await openEditor(el, word);
    const title = q<HTMLInputElement>(el, 'dialog.edit input[name="title"]')!;
    title.value = `Después ${word}`;
    title.dispatchEvent(new Event('input'));
    await el.updateComplete;
    let change = oneEvent(el, 'ine-catalog-change');
    q(el, 'dialog.edit button[type="submit"]')!.click();
    await change;
    change = oneEvent(el, 'ine-catalog-change');
    q(el, 'dialog.edit button[name="publish"]')!.click();
    await change;

    // Opened from the keyboard: focus the disclosure button, press Enter.
    const toggle = q<HTMLButtonElement>(el, 'dialog.edit button[name="history"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal('Historial de cambios');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length >= 2, 'history loaded', { timeout: 30_000 });
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const [published, edited] = rows(el);
    expect(published).to.deep.include(['Publicación', 'No', 'Sí']);
    expect(edited).to.deep.equal([['Título', `Antes ${word}`, `Después ${word}`]]);
    const heads = [...shadow(el).querySelectorAll('.history-head')].map((p) => p.textContent!.replace(/\s+/g, ' '));
    expect(heads[0]).to.contain('admin (administración)').and.contain('publicó');
    expect(heads[1]).to.contain('editó los datos');
    expect(shadow(el).querySelector('.history-list caption')!.textContent).to.contain('campos que cambiaron');
    expect((await axe(el)).violations.map((v) => v.id)).to.deep.equal([]);
    // Closing hides it again.
    toggle.click();
    await el.updateComplete;
    expect(q(el, '#history-body')!.hidden).to.equal(true);
  });

  it('speaks English', async () => {
    const word = uniqueWord();
    await seed([record({ published: false, publishedAt: undefined, metadata: { title: `Before ${word}` } })]);
    const el = await fixture<IneCatalog>(html`<ine-catalog admin lang="en"></ine-catalog>`);
    await ready(el);
    await openEditor(el, word);
    const change = oneEvent(el, 'ine-catalog-change');
    q(el, 'dialog.edit button[name="publish"]')!.click();
    await change;
    const toggle = q<HTMLButtonElement>(el, 'dialog.edit button[name="history"]')!;
    await waitUntil(() => toggle.textContent!.trim() === 'Change history', 'English strings', { timeout: 10_000 });
    toggle.click();
    await waitUntil(() => rows(el).length >= 1, 'history loaded', { timeout: 30_000 });
    expect(rows(el)[0]).to.deep.include(['Publication', 'No', 'Yes']);
    expect(shadow(el).querySelector('.history-head')!.textContent).to.contain('published');
    expect([...shadow(el).querySelectorAll('.history thead th')].map((th) => th.textContent!.trim())).to.deep.equal(['Field', 'Before', 'After']);
    expect((await axe(el)).violations.map((v) => v.id)).to.deep.equal([]);
  });
});
