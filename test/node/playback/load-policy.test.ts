// The player's loading and recovery decisions (src/playback/load-policy.ts), without a browser:
// changing a retry rule, a status mapping or when a load starts over fails here first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTO_RETRY_LIMIT,
  AUTO_RETRY_STEP_MS,
  autoRetryDelay,
  clearsOnRecovery,
  loadStep,
  mediaErrorCode,
  networkFailureCode,
  noPlanCode,
  retriesWhenOnline,
  retryResumes,
  unplayableCode,
} from '../../../src/playback/load-policy.ts';
import { ERROR_CODES, retryRule, type IneErrorCode } from '../../../src/internal/error-codes.ts';

const codes = Object.keys(ERROR_CODES) as IneErrorCode[];

test('automatic retries: only for codes whose rule is auto, 2, 4, 6… s apart, at most six in a row', () => {
  assert.equal(AUTO_RETRY_LIMIT, 6);
  assert.equal(AUTO_RETRY_STEP_MS, 2000);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((n) => autoRetryDelay('Network', n)),
    [2000, 4000, 6000, 8000, 10000, 12000, undefined],
  );
  for (const code of codes) {
    const auto = retryRule(code) === 'auto';
    assert.equal(autoRetryDelay(code, 0) !== undefined, auto, `${code}: retried by itself only when its rule is auto`);
  }
  // The codes the player can get from the CDN and that it retries by itself.
  assert.equal(autoRetryDelay('ServerError', 0), 2000);
  assert.equal(autoRetryDelay('NotFound', 0), undefined, 'a missing clip is retried by the button only');
  assert.equal(autoRetryDelay('Unsupported', 0), undefined);
});

test('coming back online retries network trouble only', () => {
  assert.equal(retriesWhenOnline('Network'), true);
  for (const code of codes.filter((c) => c !== 'Network')) assert.equal(retriesWhenOnline(code), false, code);
  assert.equal(retriesWhenOnline(undefined), false);
});

test('a load keeps the same source, adopts what the loader started for it, else starts afresh; retry always starts afresh', () => {
  assert.equal(loadStep('a', 'a', false), 'keep');
  assert.equal(loadStep('a', 'a', false, 'a'), 'keep');
  assert.equal(loadStep('a', '', false, 'a'), 'adopt');
  assert.equal(loadStep('b', '', false, 'a'), 'fresh', 'the loader started another source: stop it, load ours');
  assert.equal(loadStep('b', 'a', false), 'fresh');
  assert.equal(loadStep('a', 'a', true), 'fresh');
  assert.equal(loadStep('a', '', true, 'a'), 'fresh', 'a forced load never adopts');
});

test('nothing to play: Config for a video-id without CDN, NoSource for a bad or empty src, nothing for an empty player', () => {
  assert.equal(noPlanCode('NoCdn', false), 'Config');
  assert.equal(noPlanCode('NoSource', false), 'NoSource');
  assert.equal(noPlanCode('Empty', true), 'NoSource', 'src="" given');
  assert.equal(noPlanCode('Empty', false), undefined);
});

test('hls.js network failures: only a missing master playlist is NotFound; 5xx is ServerError; the rest is Network', () => {
  assert.equal(networkFailureCode(404, true), 'NotFound');
  assert.equal(networkFailureCode(403, true), 'NotFound', 'the CDN answers unpublished clips with 403 or 404');
  assert.equal(networkFailureCode(404, false), 'Network', 'a missing segment is a network fault');
  assert.equal(networkFailureCode(503, true), 'ServerError');
  assert.equal(networkFailureCode(500, false), 'ServerError');
  assert.equal(networkFailureCode(0, false), 'Network');
  assert.equal(networkFailureCode(0, true), 'Network');
  assert.equal(networkFailureCode(429, false), 'Network');
});

test("the <video>'s own errors: network and decode directly, not-supported by the HEAD status", () => {
  assert.equal(mediaErrorCode(2), 'Network');
  assert.equal(mediaErrorCode(3), 'Decode');
  assert.equal(mediaErrorCode(4), undefined, 'MEDIA_ERR_SRC_NOT_SUPPORTED: ask the server');
  assert.equal(mediaErrorCode(1), undefined);
  assert.equal(unplayableCode(404), 'NotFound');
  assert.equal(unplayableCode(403), 'NotFound');
  assert.equal(unplayableCode(200), 'Unsupported', 'the file is there: the codec is the problem');
  assert.equal(unplayableCode(0), 'Network');
  assert.equal(unplayableCode(502), 'ServerError');
});

test('retry resumes the hls.js engine after a network fault it can get past, else reloads the source', () => {
  const running = { needsReload: false };
  assert.equal(retryResumes('Network', running), true);
  assert.equal(retryResumes('ServerError', running), true);
  assert.equal(retryResumes('Network', { needsReload: true }), false, 'the master playlist failed: load again');
  assert.equal(retryResumes('Network', undefined), false, 'native path: no engine to resume');
  assert.equal(retryResumes('NotFound', running), false);
  assert.equal(retryResumes(undefined, running), false, 'retry() with no error loads again');
  assert.equal(clearsOnRecovery('Network'), true);
  assert.equal(clearsOnRecovery('ServerError'), true);
  assert.equal(clearsOnRecovery('Decode'), false);
});
