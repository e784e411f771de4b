/**
 * Draft preview end to end on the stand-in: the API's grant (admins only) opens one clip's folder
 * under the CDN's signed preview path; the CDN refuses what CloudFront refuses (no, expired,
 * tampered, forged or other-clip signatures) and keeps refusing drafts on the public path.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { customPolicy, fromCloudFrontBase64, signPolicy, signedQuery, toCloudFrontBase64 } from '../../../core/preview/cloudfront-signature.ts';
import { LOCAL_PREVIEW_KEY_ID } from '../../../server/cdn/preview-key.ts';
import { apiTestBed, type ApiTestBed } from './helpers.ts';

type Grant = { cdnBaseUrl: string; folder: string; query: string; params: Record<string, string>; expiresAt: string };

describe('draft preview: signed CDN URLs', () => {
  let bed: ApiTestBed;
  let admin: string;
  let draftId: string;
  let otherId: string;
  const put = (Key: string, Body: string) => bed.s3.send(new PutObjectCommand({ Bucket: bed.standIn.config.bucket, Key, Body }));
  const cdn = () => bed.standIn.config.cdnBaseUrl;
  const localKey = () => createPrivateKey(readFileSync(join(bed.standIn.dataDir, 'stand-in', 'preview-key.pem'), 'utf8'));

  before(async () => {
    bed = await apiTestBed();
    admin = await bed.login('admin');
    draftId = (await bed.seedClip({ published: false, metadata: { title: 'Borrador a revisar' } })).id;
    otherId = (await bed.seedClip({ published: false, metadata: { title: 'Otro borrador' } })).id;
    for (const id of [draftId, otherId]) {
      await put(`media/${id}/master.m3u8`, '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n720p/index.m3u8\n');
      await put(`media/${id}/720p/index.m3u8`, '#EXTM3U\n');
    }
  });
  after(() => bed.cleanup());

  const grantFor = async (id: string) => {
    const res = await bed.call<Grant>('POST', `/v1/clips/${id}/preview`, { token: admin });
    assert.equal(res.status, 200);
    return res.body;
  };

  it('gives admins a grant that plays the draft (query or cookies) and nobody else one', async () => {
    const g = await grantFor(draftId);
    assert.equal(g.cdnBaseUrl, `${cdn()}/preview`);
    assert.equal(g.folder, `${cdn()}/preview/media/${draftId}/`);
    assert.match(g.query, /^Policy=[\w~-]+&Signature=[\w~-]+&Key-Pair-Id=KLOCALPREVIEW0001$/);
    assert.ok(Date.parse(g.expiresAt) > Date.now());
    const viaQuery = await fetch(`${g.folder}720p/index.m3u8?${g.query}`);
    assert.equal(viaQuery.status, 200);
    assert.equal(await viaQuery.text(), '#EXTM3U\n');
    assert.equal(viaQuery.headers.get('cache-control'), 'private, max-age=60');
    const cookie = `CloudFront-Policy=${g.params.Policy}; CloudFront-Signature=${g.params.Signature}; CloudFront-Key-Pair-Id=${g.params['Key-Pair-Id']}`;
    const viaCookies = await fetch(`${g.folder}master.m3u8`, { headers: { cookie } });
    assert.equal(viaCookies.status, 200);
    await viaCookies.arrayBuffer();
    // The public path still does not serve the draft, signed or not.
    const pub = await fetch(`${cdn()}/media/${draftId}/master.m3u8?${g.query}`);
    assert.equal(pub.status, 404);
    await pub.arrayBuffer();
    for (const user of ['uploader', 'viewer'] as const) {
      const res = await bed.call('POST', `/v1/clips/${draftId}/preview`, { token: await bed.login(user) });
      assert.equal(res.status, 403, user);
      assert.equal(res.body.code, 'InsufficientScope');
    }
    assert.equal((await bed.call('POST', `/v1/clips/${'0'.repeat(26)}/preview`, { token: admin })).status, 404);
  });

  it('refuses missing, expired, tampered, forged and other-clip signatures', async () => {
    const g = await grantFor(draftId);
    const folder = `${cdn()}/preview/media/${draftId}/`;
    const expired = signedQuery(signPolicy(customPolicy(`${folder}*`, Date.now() - 1000), localKey(), LOCAL_PREVIEW_KEY_ID));
    const notYet = signedQuery(signPolicy(customPolicy(`${folder}*`, Date.now() + 600_000, Date.now() + 300_000), localKey(), LOCAL_PREVIEW_KEY_ID));
    // The same signature over a policy widened to every clip: the signature no longer matches.
    const widened = toCloudFrontBase64(Buffer.from(fromCloudFrontBase64(g.params.Policy!).toString('utf8').replace(`media/${draftId}/*`, 'media/*')));
    const tampered = `Policy=${widened}&Signature=${g.params.Signature}&Key-Pair-Id=${g.params['Key-Pair-Id']}`;
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = signedQuery(signPolicy(customPolicy(`${folder}*`, Date.now() + 600_000), stranger, LOCAL_PREVIEW_KEY_ID));
    const unknownKey = signedQuery(signPolicy(customPolicy(`${folder}*`, Date.now() + 600_000), localKey(), 'KSOMEONEELSE'));
    const cases: Array<[string, string, string]> = [
      ['no signature', `${folder}master.m3u8`, 'missing'],
      ['part of one', `${folder}master.m3u8?Policy=${g.params.Policy}`, 'malformed'],
      ['expired', `${folder}master.m3u8?${expired}`, 'expired'],
      ['not yet valid', `${folder}master.m3u8?${notYet}`, 'not-yet-valid'],
      ['tampered policy', `${cdn()}/preview/media/${otherId}/master.m3u8?${tampered}`, 'bad-signature'],
      ['forged (another private key)', `${folder}master.m3u8?${forged}`, 'bad-signature'],
      ['unknown key pair id', `${folder}master.m3u8?${unknownKey}`, 'unknown-key'],
      ['another clip', `${cdn()}/preview/media/${otherId}/master.m3u8?${g.query}`, 'other-resource'],
    ];
    for (const [what, url, reason] of cases) {
      const res = await fetch(url);
      assert.equal(res.status, 403, what);
      assert.equal(await res.text(), `Access denied: ${reason}\n`, what);
    }
    // Outside media/, the preview path serves nothing at all.
    const outside = await fetch(`${cdn()}/preview/index/all.json?${g.query}`);
    assert.equal(outside.status, 404);
    await outside.arrayBuffer();
  });
});
