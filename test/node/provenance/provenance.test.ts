/**
 * Signed provenance (docs/integrity-provenance.md) through real parts: the stand-in's packager with
 * real ffmpeg writes `media/<id>/provenance.json`; `jose` verifies it with the JWKS the CDN serves;
 * the hashes are the stored files'; the player's verifier (Web Crypto) agrees; `npm run verify:clip`
 * passes on a downloaded clip and names what fails on a tampered file, an altered manifest and an
 * unknown key.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createLocalJWKSet, exportJWK, flattenedVerify, generateKeyPair, type JSONWebKeySet } from 'jose';
import { makeSource } from '../../fixtures/media/make.ts';
import { getBytes, getText, recordFor, startHarness, uploadSource, type Harness } from '../packager/harness.ts';
import { publishClip } from '../../../packaging/publish.ts';
import { derToJoseSignature } from '../../../packaging/provenance-signer.ts';
import {
  PROVENANCE_JWKS_PATH,
  PROVENANCE_TYP,
  isProvenanceCovered,
  type FlattenedJws,
  type ProvenancePayload,
} from '../../../src/contract/provenance.ts';
import { ClipVerifier, parseProvenanceFile, verifyProvenance } from '../../../src/integrity/provenance-verifier.ts';
import { IntegrityFailure } from '../../../src/integrity/integrity-failure.ts';

const exec = promisify(execFile);
let h: Harness;
let dir: string;
let manifestKey: string;
let id: string;
let sourceSha: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ine-provenance-'));
  const src = join(dir, 'source.mp4');
  await makeSource(src, { width: 320, height: 180, seconds: 3 });
  sourceSha = createHash('sha256')
    .update(await readFile(src))
    .digest('hex');
  h = await startHarness();
  manifestKey = await uploadSource(h, src);
  await h.packager.idle();
  const rec = (await recordFor(h, manifestKey))!;
  assert.equal(rec.status, 'ready', rec.failureReason);
  id = rec.id;
});

after(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const cdnGet = async (path: string) => fetch(`${h.standIn.urls.cdn}/${path}`);

async function clipKeys(): Promise<string[]> {
  const page = await h.s3.send(new ListObjectsV2Command({ Bucket: h.bucket, Prefix: `media/${id}/` }));
  return (page.Contents ?? []).map((o) => o.Key!);
}

test('packaging writes a provenance manifest that jose verifies with the JWKS the CDN serves, holding the stored files’ hashes', async () => {
  const res = await cdnGet(PROVENANCE_JWKS_PATH);
  assert.equal(res.status, 200, 'the JWKS is on the CDN at its fixed path');
  const jwks = (await res.json()) as JSONWebKeySet;
  assert.ok(jwks.keys.length >= 1);
  assert.ok(
    jwks.keys.every((k) => !('d' in k)),
    'no private key material is published',
  );
  const jws = JSON.parse((await getText(h, `media/${id}/provenance.json`))!) as FlattenedJws;
  const { payload, protectedHeader } = await flattenedVerify(jws, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
  assert.equal(protectedHeader!.typ, PROVENANCE_TYP);
  assert.match(protectedHeader!.kid!, /^provenance-/);
  const p = JSON.parse(new TextDecoder().decode(payload)) as ProvenancePayload;
  const upload = JSON.parse((await getText(h, manifestKey))!) as { uploadedAt: string; size: number };
  assert.equal(p.videoId, id);
  assert.equal(p.source.sha256, sourceSha, 'the upload’s SHA-256, as computed at upload and verified at packaging');
  assert.equal(p.source.uploadedAt, upload.uploadedAt);
  assert.equal(p.source.size, upload.size);
  assert.equal(p.packager, 'ffmpeg');
  assert.ok(Date.parse(p.packagedAt) >= Date.parse(p.source.uploadedAt));

  const covered = (await clipKeys()).map((k) => k.slice(`media/${id}/`.length)).filter(isProvenanceCovered);
  assert.deepEqual(Object.keys(p.files).sort(), covered.sort(), 'every playlist and segment is listed, nothing else');
  assert.ok(covered.includes('master.m3u8'));
  assert.ok(covered.some((f) => /init\.mp4$/.test(f)) && covered.some((f) => f.endsWith('.m4s')), 'init and media segments are covered');
  assert.ok(!('video.json' in p.files) && !('provenance.json' in p.files));
  for (const f of covered) {
    const actual = createHash('sha256')
      .update(await getBytes(h, `media/${id}/${f}`))
      .digest('hex');
    assert.equal(p.files[f], actual, f);
  }

  // The signing key is its own, not the Web API's token key.
  const apiJwks = (await (await fetch(`${h.standIn.urls.auth}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const apiX = new Set(apiJwks.keys.map((k) => k.x));
  assert.ok(jwks.keys.every((k) => !apiX.has(k.x)));
});

test('the player’s verifier (Web Crypto) accepts the manifest and the stored files, and names a tampered one', async () => {
  const jwks = (await (await cdnGet(PROVENANCE_JWKS_PATH)).json()) as { keys: [] };
  const verified = await verifyProvenance(parseProvenanceFile((await getText(h, `media/${id}/provenance.json`))!), jwks);
  const folder = `https://cdn.example/media/${id}/`;
  const v = new ClipVerifier(verified, folder);
  const segment = Object.keys(verified.payload.files).find((f) => f.endsWith('.m4s'))!;
  const bytes = await getBytes(h, `media/${id}/${segment}`);
  await v.check(folder + segment + '?x=1', bytes);
  await v.check(folder + 'master.m3u8', (await getText(h, `media/${id}/master.m3u8`))!);
  assert.equal(v.checked, 2);
  const tampered = Uint8Array.from(bytes);
  tampered[tampered.length - 1] ^= 0xff;
  await assert.rejects(v.check(folder + segment, tampered), (e: IntegrityFailure) => {
    assert.equal(e.code, 'hash-mismatch');
    assert.equal(e.target, 'segment');
    assert.equal(e.detail.path, segment);
    return true;
  });
  await assert.rejects(v.check(folder + 'extra.m3u8', '#EXTM3U'), (e: IntegrityFailure) => e.code === 'not-covered');
  await assert.rejects(v.check('https://elsewhere.example/x.m4s', bytes), (e: IntegrityFailure) => e.code === 'not-covered');

  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  const stranger = { keys: [{ ...(await exportJWK(publicKey)), kid: verified.kid }] };
  await assert.rejects(
    verifyProvenance(parseProvenanceFile((await getText(h, `media/${id}/provenance.json`))!), stranger as never),
    (e: IntegrityFailure) => e.code === 'bad-signature',
  );
  await assert.rejects(
    verifyProvenance(parseProvenanceFile((await getText(h, `media/${id}/provenance.json`))!), { keys: [] }),
    (e: IntegrityFailure) => {
      assert.equal(e.code, 'unknown-key');
      assert.equal(e.detail.kid, verified.kid);
      return true;
    },
  );
  assert.throws(
    () => parseProvenanceFile('{"payload":"x"}'),
    (e: IntegrityFailure) => e.code === 'manifest-invalid',
  );
});

/** The clip's folder and the JWKS, downloaded as the bucket lays them out. */
async function download(root: string): Promise<string> {
  for (const key of [...(await clipKeys()), PROVENANCE_JWKS_PATH]) {
    const path = join(root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await getBytes(h, key));
  }
  return join(root, 'media', id);
}

const verifyCli = (...args: string[]) =>
  exec(process.execPath, ['--import', 'tsx', 'scripts/verify-clip.ts', ...args]).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

test('verify:clip passes on a downloaded clip and names a tampered segment, an altered manifest and an unknown key', async () => {
  const clip = await download(join(dir, 'download'));
  const good = await verifyCli(clip);
  assert.equal(good.code, 0, good.out);
  assert.match(good.out, /VERIFIED/);
  assert.match(good.out, new RegExp(sourceSha));

  const files = JSON.parse(
    Buffer.from((JSON.parse(await readFile(join(clip, 'provenance.json'), 'utf8')) as FlattenedJws).payload, 'base64url').toString(),
  ).files as Record<string, string>;
  const segment = Object.keys(files).find((f) => f.endsWith('.m4s'))!;
  const original = await readFile(join(clip, segment));
  const changed = Buffer.from(original);
  changed[100] ^= 1;
  await writeFile(join(clip, segment), changed);
  const tampered = await verifyCli(clip);
  assert.equal(tampered.code, 1);
  assert.match(tampered.out, new RegExp(`hash-mismatch: segment ${segment.replace(/[.]/g, '\\.')}`));
  await writeFile(join(clip, segment), original);

  const manifestPath = join(clip, 'provenance.json');
  const manifest = await readFile(manifestPath, 'utf8');
  const jws = JSON.parse(manifest) as FlattenedJws;
  const payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString()) as ProvenancePayload;
  payload.source.uploadedAt = '2020-01-01T00:00:00.000Z';
  await writeFile(manifestPath, JSON.stringify({ ...jws, payload: Buffer.from(JSON.stringify(payload)).toString('base64url') }));
  const altered = await verifyCli(clip);
  assert.equal(altered.code, 1);
  assert.match(altered.out, /bad-signature/);
  await writeFile(manifestPath, manifest);

  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  const otherJwks = join(dir, 'other-jwks.json');
  await writeFile(otherJwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'someone-else' }] }));
  const unknown = await verifyCli(clip, '--jwks', otherJwks);
  assert.equal(unknown.code, 1);
  assert.match(unknown.out, /unknown-key: keys/);

  await writeFile(join(clip, 'v9-extra.m3u8'), '#EXTM3U\n');
  const extra = await verifyCli(clip);
  assert.equal(extra.code, 1);
  assert.match(extra.out, /not-covered: playlist v9-extra\.m3u8/);
});

test('verify:clip by clip id fetches a published clip from the CDN', async () => {
  await publishClip(h.s3, h.bucket, id);
  const r = await verifyCli(id, '--cdn', h.standIn.urls.cdn);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /VERIFIED/);
});

test('a DER ECDSA signature (what KMS returns) becomes the JWS r||s that verifies', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  for (let i = 0; i < 20; i++) {
    const data = Buffer.from(`message ${i}`);
    const raw = derToJoseSignature(nodeSign('sha256', data, privateKey));
    assert.equal(raw.length, 64);
    assert.ok(nodeVerify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw));
  }
});

/**
 * A stand-in for KMS' asymmetric signing (ECC_NIST_P256, ECDSA_SHA_256, MessageType DIGEST): ECDSA
 * over a digest it is given, which Node's crypto cannot do (it always hashes), in plain BigInt.
 */
function kmsDouble() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const a = p - 3n;
  const G: [bigint, bigint] = [
    0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
  ];
  const mod = (x: bigint, m: bigint) => ((x % m) + m) % m;
  const pow = (b: bigint, e: bigint, m: bigint) => {
    let r = 1n;
    for (b = mod(b, m); e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
    return r;
  };
  const inv = (x: bigint, m: bigint) => pow(x, m - 2n, m);
  type Pt = [bigint, bigint] | null;
  const add = (P: Pt, Q: Pt): Pt => {
    if (!P) return Q;
    if (!Q) return P;
    if (P[0] === Q[0] && mod(P[1] + Q[1], p) === 0n) return null;
    const l = P[0] === Q[0] ? mod((3n * P[0] * P[0] + a) * inv(2n * P[1], p), p) : mod((Q[1] - P[1]) * inv(Q[0] - P[0], p), p);
    const x = mod(l * l - P[0] - Q[0], p);
    return [x, mod(l * (P[0] - x) - P[1], p)];
  };
  const mul = (k: bigint, P: Pt): Pt => {
    let R: Pt = null;
    for (let Q = P; k > 0n; k >>= 1n, Q = add(Q, Q)) if (k & 1n) R = add(R, Q);
    return R;
  };
  const big = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).toString('hex'));
  const d = big(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'));
  const der = (r: bigint, s: bigint) => {
    const int = (v: bigint) => {
      let h = v.toString(16);
      if (h.length % 2) h = '0' + h;
      const b = Buffer.from(h, 'hex');
      return Buffer.concat([Buffer.from([0x02, b[0]! & 0x80 ? b.length + 1 : b.length]), b[0]! & 0x80 ? Buffer.from([0]) : Buffer.alloc(0), b]);
    };
    const body = Buffer.concat([int(r), int(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  };
  const calls: string[] = [];
  return {
    publicKey,
    calls,
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      calls.push(command.constructor.name);
      if (command.constructor.name === 'GetPublicKeyCommand') return { PublicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
      assert.equal(command.input.MessageType, 'DIGEST');
      assert.equal(command.input.SigningAlgorithm, 'ECDSA_SHA_256');
      const z = big(command.input.Message as Uint8Array);
      for (;;) {
        const k = mod(big(Buffer.from(createHash('sha256').update(String(Math.random())).digest())), n);
        const r = mod(mul(k, G)![0], n);
        const s = mod(inv(k, n) * (z + r * d), n);
        if (r && s) return { Signature: new Uint8Array(der(r, s)) };
      }
    },
  };
}

test('the AWS signer (KMS, digest mode): the manifest of a stored clip verifies with jose against the JWKS built from KMS’ public key', async () => {
  const { kmsProvenanceSigner } = await import('../../../infra/packaging/kms-signer.ts');
  const { writeProvenance } = await import('../../../packaging/provenance-write.ts');
  const kms = kmsDouble();
  const signer = kmsProvenanceSigner(kms as never, 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-aaaa-bbbb-cccc-123456789012');
  assert.equal(signer.kid, 'provenance-kms-0b1c2d3e-aaaa-bbbb-cccc-123456789012');
  const upload = JSON.parse((await getText(h, manifestKey))!) as { sha256: string; size: number; uploadedAt: string };
  const { jws } = await writeProvenance(h.s3, h.bucket, { videoId: id, manifest: upload, packager: 'mediaconvert' }, signer);
  const jwks = await signer.jwks();
  assert.equal(jwks.keys[0]!.kid, signer.kid);
  const { payload } = await flattenedVerify(jws, createLocalJWKSet(jwks as JSONWebKeySet), { algorithms: ['ES256'] });
  assert.equal((JSON.parse(new TextDecoder().decode(payload)) as ProvenancePayload).packager, 'mediaconvert');
  assert.deepEqual(kms.calls, ['SignCommand', 'GetPublicKeyCommand']);
});
