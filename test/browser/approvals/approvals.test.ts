// <ine-approvals> (inside <ine-catalog admin>) against the local stand-in: the pending publication
// request of one admin is listed; the same admin's approval is refused by the server and said so in
// Spanish; a second admin (`supervisor`, seeded in the demo directory) approves it with the keyboard
// and the clip becomes visible on the CDN; English; axe-clean.
//
// The browser tests share one stand-in, so this file does not open a sensitive period (every other
// test's publish would become a request): it writes the request as the API's gate writes it during
// one (the Node tests, test/node/api/approval.test.ts, cover the period itself).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/approvals/ine-approvals.js';
import '../../../src/elements/catalog/ine-catalog.js';
import type { IneApprovals } from '../../../src/elements/approvals/ine-approvals.js';
import type { IneCatalog } from '../../../src/elements/catalog/ine-catalog.js';
import { configure, getConfig } from '../../../src/config/config.js';
import { loginWithPassword } from '../../../src/auth/login-token.js';
import { resetSharedCredentials } from '../../../src/auth/credentials.js';
import { videoRecordKey } from '../../../src/contract/video-record.js';
import { axe, randomId, record, seed, serviceS3, signIn, uniqueWord, type Env } from '../catalog/helpers.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as T | null;

async function signInAs(user: string): Promise<void> {
  const env = (await (await fetch('/__ine__/env.json')).json()) as Env;
  const token = await loginWithPassword(env.config.authUrl, user, env.demoPassword);
  // The shared provider keeps the configuration it was made with: drop it, so the new login is used.
  resetSharedCredentials();
  configure({ ...env.config, loginToken: async () => token });
}

/** A pending request by `admin` to publish a fresh draft, written as the API's gate writes it. */
async function pendingPublishRequest(title: string): Promise<{ requestId: string; clipId: string }> {
  const clip = record({ published: false, metadata: { title } });
  delete (clip as { publishedAt?: string }).publishedAt;
  await seed([clip]);
  const s3 = await serviceS3();
  const { bucket } = getConfig();
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: videoRecordKey(clip.id) }));
  const requestId = randomId();
  const request = {
    id: requestId,
    action: 'publish',
    clipId: clip.id,
    clipTitle: title,
    clipEtag: head.ETag!,
    period: { id: randomId(), label: 'Veda electoral (prueba)' },
    requestedBy: { sub: 'admin', role: 'admin' },
    requestedAt: new Date().toISOString(),
    reason: 'Comunicado oficial',
    status: 'pending',
  };
  // An empty marker: its length said outright (the SDK warns about a body of unknown length otherwise).
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `approval/pending/${requestId}`, Body: '', ContentLength: 0 }));
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `approval/requests/${requestId}.json`,
      Body: JSON.stringify(request),
      ContentType: 'application/json',
    }),
  );
  return { requestId, clipId: clip.id };
}

const row = (el: IneApprovals, id: string) => q(el, `tr[data-request="${id}"]`);
const cdnStatus = async (key: string) => (await fetch(`${getConfig().cdnBaseUrl}/${key}`, { cache: 'no-store' })).status;

describe('<ine-approvals>: two-person publication', function () {
  this.timeout(180_000);

  it('lists the request inside <ine-catalog admin>; the requester cannot approve it (told why, in Spanish); axe-clean', async () => {
    await signIn('admin');
    const title = `Aclaración ${uniqueWord()}`;
    const { requestId, clipId } = await pendingPublishRequest(title);
    const catalog = await fixture<IneCatalog>(html`<ine-catalog admin lang="es-MX"></ine-catalog>`);
    await waitUntil(() => q(catalog, 'ine-approvals'), 'the catalog shows the approvals list in admin mode', { timeout: 30_000 });
    const el = q<IneApprovals>(catalog, 'ine-approvals')!;
    await waitUntil(() => row(el, requestId), 'the request is listed', { timeout: 30_000 });
    expect(q(el, 'h2')!.textContent).to.equal('Solicitudes pendientes de aprobación');
    expect(row(el, requestId)!.textContent).to.include(title).and.to.include('Publicar').and.to.include('Veda electoral (prueba)');
    const results = await axe(el);
    expect(results.violations.map((v) => v.id)).to.deep.equal([]);

    q<HTMLButtonElement>(el, `tr[data-request="${requestId}"] button.approve`)!.click();
    await waitUntil(() => q(el, '.outcome.error'), 'the refusal is shown', { timeout: 30_000 });
    expect(q(el, '.outcome')!.textContent).to.include('debe hacerlo otra persona administradora');
    expect(q(el, '.outcome')!.getAttribute('role')).to.equal('alert');
    expect(await cdnStatus(`media/${clipId}/video.json`)).to.equal(404);
    await waitUntil(() => row(el, requestId), 'still pending', { timeout: 10_000 });
  });

  it('a second admin approves it with the keyboard: the clip is published on the CDN; English texts', async () => {
    const title = `Resolución ${uniqueWord()}`;
    await signIn('admin');
    const { requestId, clipId } = await pendingPublishRequest(title);
    await signInAs('supervisor');
    const el = await fixture<IneApprovals>(html`<ine-approvals lang="en"></ine-approvals>`);
    await waitUntil(() => row(el, requestId), 'the request is listed', { timeout: 30_000 });
    expect(q(el, 'h2')!.textContent).to.equal('Requests awaiting approval');
    const approve = q<HTMLButtonElement>(el, `tr[data-request="${requestId}"] button.approve`)!;
    expect(approve.getAttribute('aria-label')).to.equal(`Approve: Publish “${title}”`);
    approve.focus();
    expect(el.shadowRoot!.activeElement).to.equal(approve);
    let decided: CustomEvent | undefined;
    el.addEventListener('ine-approval-decided', (e) => (decided = e as CustomEvent));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => decided || q(el, '.outcome.error'), 'a decision', { timeout: 30_000 });
    expect(q(el, '.outcome.error')?.textContent ?? '').to.equal('');
    expect(decided!.detail).to.deep.equal({ requestId, clipId, decision: 'approve' });
    await waitUntil(() => q(el, '.outcome')?.textContent?.includes('Request approved'), 'the approval is announced', { timeout: 30_000 });
    await waitUntil(() => !row(el, requestId), 'no longer pending', { timeout: 30_000 });
    expect(await cdnStatus(`media/${clipId}/video.json`)).to.equal(200);
  });
});
