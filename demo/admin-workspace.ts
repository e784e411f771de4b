/**
 * What the admin page shows after login, by the account's role (the broker's `role`, whose rights
 * are infra/policies/roles.ts): an admin gets the uploader and the whole catalog (with draft
 * previews); an uploader gets the uploader only (its "Mis envíos" lives inside it), never a catalog
 * it may not read; any other account is told plainly that it has no upload or admin rights, with
 * nothing to retry. Focus then goes to the page's main heading, so a screen reader starts there.
 */
import { text } from './i18n.ts';

export type Workspace = 'admin' | 'uploader' | 'none';

export const workspaceFor = (role: string | undefined): Workspace => (role === 'admin' ? 'admin' : role === 'uploader' ? 'uploader' : 'none');

const byId = (id: string) => document.getElementById(id)!;

/** The lead paragraph under the heading says what this account can do here (again on a language change). */
export function showLead(role: string | undefined): void {
  const which = workspaceFor(role);
  byId('workspace-lead').textContent = text(which === 'admin' ? 'adminLead' : which === 'uploader' ? 'uploaderLead' : 'noRightsLead');
}

/** Show the workspace of `role` (elements created afresh) and move focus to the main heading. */
export function showWorkspace(role: string | undefined): { uploader?: HTMLElement; catalog?: HTMLElement } {
  const which = workspaceFor(role);
  const out: { uploader?: HTMLElement; catalog?: HTMLElement } = {};
  byId('workspace').hidden = false;
  byId('upload-section').hidden = which === 'none';
  byId('manage-section').hidden = which !== 'admin';
  byId('no-rights').hidden = which !== 'none';
  if (which !== 'none') byId('uploader-slot').replaceChildren((out.uploader = document.createElement('ine-uploader')));
  if (which === 'admin') {
    out.catalog = document.createElement('ine-catalog');
    out.catalog.setAttribute('admin', '');
    byId('catalog-slot').replaceChildren(out.catalog);
  }
  showLead(role);
  const heading = document.querySelector<HTMLElement>('main h1')!;
  heading.tabIndex = -1;
  heading.focus();
  return out;
}

/** Back to the login form: the elements go, the workspace hides. */
export function hideWorkspace(): void {
  byId('uploader-slot').replaceChildren();
  byId('catalog-slot').replaceChildren();
  byId('workspace').hidden = true;
}
