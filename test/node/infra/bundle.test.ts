/**
 * The deploy path of Lambda code: NodejsFunction bundling with the esbuild in node_modules (no
 * Docker), as `cdk synth` does it. Builds the publication Lambda for real and loads the bundle in
 * Node to prove it is a runnable ESM module exporting the handler.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PACKAGING_ENTRY } from '../../../infra/lib/packaging.ts';
import { Publication } from '../../../infra/lib/publication.ts';
import { readSettings } from '../../../infra/lib/settings.ts';
import { REPO_ROOT } from '../../../infra/lib/node-function.ts';

/**
 * Constructs built with CDK's "Bundling asset …" progress lines held back (one per Lambda: useful on a
 * terminal running `cdk synth`, noise in a test run); anything else on stderr still shows.
 */
function quietly<T>(build: () => T): T {
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    String(chunk).startsWith('Bundling asset ') ? true : write.call(process.stderr, chunk, ...rest)) as typeof process.stderr.write;
  try {
    return build();
  } finally {
    process.stderr.write = write;
  }
}

describe('Lambda bundling (esbuild, offline)', () => {
  it('bundles the publication handler into a loadable ESM module', { timeout: 180_000 }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ine-bundle-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Bundle', { env: { account: '123456789012', region: 'us-east-1' } });
      const settings = readSettings(app.node, { lambdaCode: 'bundle' });
      const bucket = new s3.Bucket(stack, 'B');
      const kvs = new cloudfront.KeyValueStore(stack, 'K');
      quietly(() => new Publication(stack, 'P', { settings, bucket, publishedIds: kvs }));
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs24.x' });
      const assetDir = readdirSync(outdir).find((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')));
      assert.ok(assetDir, 'an asset with index.mjs was staged');
      process.env.AWS_REGION ??= 'us-east-1';
      const mod = (await import(pathToFileURL(join(outdir, assetDir!, 'index.mjs')).href)) as { handler?: unknown };
      assert.equal(typeof mod.handler, 'function');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('the packaging entry follows the agreed convention once infra/packaging exists', { timeout: 300_000 }, async (t) => {
    const entry = join(REPO_ROOT, PACKAGING_ENTRY);
    if (!existsSync(entry)) {
      // Not a silent skip: the packaging work has not delivered its handlers yet, and the full
      // `npm run synth` (bundle mode) would fail until it does. Reported, not hidden.
      t.diagnostic(`${PACKAGING_ENTRY} does not exist yet: full-stack bundling not exercised`);
      return;
    }
    const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
    assert.equal(typeof mod.onUploadManifestCreated, 'function');
    assert.equal(typeof mod.onMediaConvertJobFinished, 'function');

    // The whole stack as `npm run synth` builds it: every Lambda bundled from source.
    const outdir = mkdtempSync(join(tmpdir(), 'ine-bundle-all-'));
    try {
      const app = new App({ outdir });
      const settings = readSettings(app.node, { lambdaCode: 'bundle' });
      const { IneVideoStack } = await import('../../../infra/lib/ine-stack.ts');
      const stack = quietly(() => new IneVideoStack(app, 'All', { settings, env: { account: '123456789012', region: 'us-east-1' } }));
      const fns = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).filter(
        (f: any) => f.Properties.Runtime === 'nodejs24.x',
      ) as any[];
      assert.equal(fns.length, 6, 'packaging (2), publication, catalog indexer, Web API, webhook delivery');
      for (const f of fns) assert.ok(f.Properties.Code.S3Key && !f.Properties.Code.ZipFile, 'bundled asset, not an inline stub');
      // Publication and the catalog indexer export `handler`.
      assert.deepEqual(fns.map((f) => f.Properties.Handler).sort(), [
        'index.handler',
        'index.handler',
        'index.handler',
        'index.handler',
        'index.onMediaConvertJobFinished',
        'index.onUploadManifestCreated',
      ]);
      // The webhook delivery bundle (the SQS client and the shared core/events) loads and exports its handler.
      const delivery = fns.find((f) => String(f.Properties.Description).startsWith('Webhook deliveries'));
      const hash = String(delivery.Properties.Code.S3Key).replace(/\.zip$/, '');
      const mod = (await import(pathToFileURL(join(outdir, `asset.${hash}`, 'index.mjs')).href)) as { handler?: unknown };
      assert.equal(typeof mod.handler, 'function');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
