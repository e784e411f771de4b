/**
 * infra/scripts/write-config.ts: stack outputs (as `cdk deploy --outputs-file` writes them) → the
 * elements' configuration, with the same keys the stand-in serves at /_local/config.json. The
 * outputs file is built from the synthesized template's real output names.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configFromOutputs } from '../../../infra/scripts/write-config.ts';
import { buildStack } from './helpers.ts';

describe('write-config', () => {
  const outputNames = Object.keys(buildStack().template.toJSON().Outputs as object);
  // What CloudFormation would return for this stack once deployed.
  const deployed: Record<string, string> = {};
  for (const n of outputNames) deployed[n] = `value-of-${n}`;
  Object.assign(deployed, {
    Region: 'us-east-1',
    IdentityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
    Bucket: 'ine-video-stack-storagemedia-abc',
    CdnBaseUrl: 'https://d111111abcdef8.cloudfront.net',
  });
  const file = { 'ine-video-stack': deployed };

  it("maps the deployed stack's outputs to exactly the elements' keys", () => {
    assert.deepEqual(configFromOutputs(file), {
      region: 'us-east-1',
      identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
      bucket: 'ine-video-stack-storagemedia-abc',
      cdnBaseUrl: 'https://d111111abcdef8.cloudfront.net',
    });
    assert.equal(configFromOutputs(file, { authUrl: 'https://monitoreo.ine.mx/api/video' }).authUrl, 'https://monitoreo.ine.mx/api/video');
  });
  it("uses the same key names as the stand-in's /_local/config.json", async () => {
    const { startStandIn } = await import('../../../server/index.ts');
    const dir = mkdtempSync(join(tmpdir(), 'ine-cfg-'));
    const standIn = await startStandIn({ port: 0, cdnPort: 0, dataDir: dir, packager: false, seed: false, log: () => {} });
    try {
      const local = (await (await fetch(standIn.urls.config)).json()) as Record<string, unknown>;
      const ours = configFromOutputs(file, { authUrl: 'https://x.example/auth' });
      for (const k of Object.keys(ours)) assert.ok(k in local, `${k} is a stand-in config key`);
    } finally {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('explains what is missing', () => {
    assert.throws(() => configFromOutputs({}), /No stack/);
    assert.throws(() => configFromOutputs({ a: deployed, b: deployed }, { stack: 'c' }), /No stack "c"/);
    const { Bucket: _omit, ...noBucket } = deployed;
    assert.throws(() => configFromOutputs({ s: noBucket }), /no output Bucket/);
    assert.throws(() => configFromOutputs(file, { authUrl: 'http://evil.example' }), /https/);
  });
  it('runs as a command and writes the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ine-cfg-'));
    try {
      writeFileSync(join(dir, 'outputs.json'), JSON.stringify(file));
      execFileSync(process.execPath, [
        '--import',
        'tsx',
        'infra/scripts/write-config.ts',
        '--outputs',
        join(dir, 'outputs.json'),
        '--out',
        join(dir, 'ine-config.json'),
        '--auth-url',
        'https://monitoreo.ine.mx/api/video',
      ]);
      const written = JSON.parse(readFileSync(join(dir, 'ine-config.json'), 'utf8'));
      assert.equal(written.cdnBaseUrl, 'https://d111111abcdef8.cloudfront.net');
      assert.equal(written.authUrl, 'https://monitoreo.ine.mx/api/video');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
