/**
 * docs/api.md's curl walkthrough, run as written (bash, curl, jq) against a stand-in: it must keep
 * working, so the page cannot drift from the API.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { apiTestBed, type ApiTestBed } from './helpers.ts';

const page = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
const script = /## Walkthrough with curl[^\n]*\n```sh\n([\s\S]*?)```/.exec(page)?.[1];

describe('docs/api.md walkthrough', () => {
  let bed: ApiTestBed;
  before(async () => {
    bed = await apiTestBed();
  });
  after(() => bed.cleanup());

  it('runs against the stand-in: client credentials → list → get → patch → publish → embed snippet', async () => {
    assert.ok(script, 'the walkthrough block is on the page');
    const clip = await bed.seedClip({ metadata: { title: 'Debate para el recorrido' } });
    // The page's URLs and password are the defaults; this stand-in has random ports and its own data.
    const text = script
      .replace('API=http://127.0.0.1:4566/api/v1', `API=${bed.standIn.urls.api}`)
      .replace('AUTH=http://127.0.0.1:4566/_local/auth', `AUTH=${bed.standIn.urls.auth}`)
      .replace('ine-demo-2027', bed.standIn.demoPassword);
    const out = await new Promise<string>((resolve, reject) =>
      execFile('bash', ['-euo', 'pipefail', '-c', text], { cwd: bed.standIn.dataDir }, (e, stdout, stderr) =>
        e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    assert.match(out, new RegExp(`<ine-player video-id="${clip.id}"`));
    const now = await bed.call<{ record: { published: boolean; metadata: { title: string; tags: string[] } } }>('GET', `/v1/clips/${clip.id}`, {
      token: await bed.login('admin'),
    });
    assert.equal(now.body.record.published, true);
    assert.equal(now.body.record.metadata.title, 'Debate en Sonora');
    assert.deepEqual(now.body.record.metadata.tags, ['debate', 'sonora']);
  });
});
