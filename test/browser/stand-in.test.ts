// A page reaches the local stand-in as INE's pages reach AWS: broker login, Cognito credentials through
// the SDK's fromCognitoIdentity (src/auth's shared provider), then S3 from the browser (CORS, SigV4).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loginWithPassword, resetSharedCredentials, sharedCredentials } from '../../src/auth/index.js';
import { configure, getConfig } from '../../src/config/index.js';

interface Env {
  config: {
    region: string;
    identityPoolId: string;
    bucket: string;
    s3Endpoint: string;
    cognitoEndpoint: string;
    cdnBaseUrl: string;
    authUrl: string;
  };
  demoPassword: string;
}

async function env(): Promise<Env> {
  return (await (await fetch('/__ine__/env.json')).json()) as Env;
}

async function errorName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { name?: string }).name ?? String(e);
  }
}

describe('local stand-in from a page', () => {
  afterEach(() => resetSharedCredentials());

  it('logs in as uploader, puts and reads back under its own uploads/ prefix, and is refused elsewhere', async () => {
    const { config, demoPassword } = await env();
    const login = await loginWithPassword(config.authUrl, 'uploader', demoPassword);
    expect(login.role).to.equal('uploader');
    configure({ ...config, loginToken: async () => login });
    const credentials = sharedCredentials(getConfig());
    expect(await credentials.identityId()).to.equal(login.identityId);
    const s3 = new S3Client({ region: config.region, endpoint: config.s3Endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });

    const key = `uploads/${login.identityId}/from-page.txt`;
    await s3.send(
      new PutObjectCommand({
        Bucket: config.bucket,
        Key: key,
        Body: 'hola desde Chromium',
        ContentType: 'text/plain',
        Metadata: { title: 'Prueba' },
      }),
    );
    const arrived = (await executeServerCommand('ine-stand-in-get-object', { key })) as { base64: string; metadata: Record<string, string> };
    expect(atob(arrived.base64)).to.equal('hola desde Chromium');
    expect(arrived.metadata.title).to.equal('Prueba');

    // The uploader role may not read, not even its own upload, nor write outside its prefix.
    expect(await errorName(s3.send(new GetObjectCommand({ Bucket: config.bucket, Key: key })))).to.equal('AccessDenied');
    expect(await errorName(s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: 'catalog/evil.json', Body: '{}' })))).to.equal('AccessDenied');
    expect(await executeServerCommand('ine-stand-in-get-object', { key: 'catalog/evil.json' })).to.equal(false);
    // The demo 'uploader' identity is shared by every browser test file, so other uploads may sit
    // under the same prefix: check ours is there and the refused write landed nowhere.
    const keys = (await executeServerCommand('ine-stand-in-list', { prefix: `uploads/${login.identityId}/` })) as string[];
    expect(keys).to.include(key);
    expect((await executeServerCommand('ine-stand-in-list', { prefix: 'catalog/evil' })) as string[]).to.deep.equal([]);
  });

  it('a wrong password is refused by the broker', async () => {
    const { config } = await env();
    let code = '';
    try {
      await loginWithPassword(config.authUrl, 'admin', 'not-the-password');
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).to.equal('AccessDenied');
  });

  it('reads /_local/config.json across origins', async () => {
    const { config } = await env();
    const res = await fetch(`${config.s3Endpoint}/_local/config.json`);
    expect(await res.json()).to.deep.equal(config);
  });

  it('server commands stop and start the stand-in on the same ports', async () => {
    const { config } = await env();
    expect(await executeServerCommand('ine-stand-in-stop')).to.equal(true);
    let failed = false;
    try {
      await fetch(`${config.s3Endpoint}/_local/config.json`, { cache: 'no-store' });
    } catch {
      failed = true;
    }
    expect(failed, 'stopped stand-in refuses connections').to.equal(true);
    expect(await executeServerCommand('ine-stand-in-start')).to.equal(true);
    const res = await fetch(`${config.s3Endpoint}/_local/config.json`, { cache: 'no-store' });
    expect(res.status).to.equal(200);
    const put = (await executeServerCommand('ine-stand-in-put-object', {
      key: 'catalog/from-command.json',
      body: btoa('{"ok":true}'),
      contentType: 'application/json',
    })) as { etag: string };
    expect(put.etag).to.match(/^"[0-9a-f]{32}"$/);
    expect(await executeServerCommand('ine-stand-in-list', { prefix: 'catalog/' })).to.include('catalog/from-command.json');
    expect(await executeServerCommand('ine-stand-in-list-multipart', {})).to.be.an('array');
  });
});
