import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { configure, getConfig, mergeConfig, resetConfig, onConfigChange, DEFAULT_CONFIG } from '../../src/config/config.ts';

beforeEach(() => resetConfig());

test('defaults apply when nothing is configured', () => {
  const c = getConfig();
  assert.equal(c.region, 'us-east-1');
  assert.equal(c.bucket, 'ine-media');
  assert.equal(c.upload.concurrency, 4);
});

test('configure() calls override defaults and each other, key by key', () => {
  configure({ cdnBaseUrl: 'https://cdn.example', upload: { concurrency: 6 } });
  configure({ region: 'mx-central-1', upload: { maxFileSize: 1000 } });
  const c = getConfig();
  assert.equal(c.cdnBaseUrl, 'https://cdn.example');
  assert.equal(c.region, 'mx-central-1');
  assert.equal(c.upload.concurrency, 6);
  assert.equal(c.upload.maxFileSize, 1000);
  assert.equal(c.upload.minPartSize, DEFAULT_CONFIG.upload.minPartSize);
});

test('element overrides win, but empty attribute values do not erase configuration', () => {
  configure({ cdnBaseUrl: 'https://cdn.example', bucket: 'b1' });
  const merged = mergeConfig(getConfig(), { cdnBaseUrl: '', bucket: 'b2' });
  assert.equal(merged.cdnBaseUrl, 'https://cdn.example');
  assert.equal(merged.bucket, 'b2');
});

test('listeners hear every change and can unsubscribe', () => {
  const seen: string[] = [];
  const off = onConfigChange((c) => seen.push(c.cdnBaseUrl));
  configure({ cdnBaseUrl: 'a' });
  off();
  configure({ cdnBaseUrl: 'b' });
  assert.deepEqual(seen, ['a']);
});
