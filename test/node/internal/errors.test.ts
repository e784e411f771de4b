// The error model without a browser: the closed code table, the one status rule, the one retry
// rule, and how real AWS SDK errors (thrown by the real clients against the stand-in) map onto codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { ERROR_CODES, codeForStatus, isErrorCode, retryRule, type IneErrorCode } from '../../../src/internal/error-codes.ts';
import { IneError, toIneError } from '../../../src/internal/errors.ts';
import { classify, withRetries, DEFAULT_RETRY, type RetryHooks } from '../../../src/upload/retry.ts';
import { recordProblem } from '../../../src/playback/source.ts';
import { guestCredentials, s3Client, serviceClient, testStandIn } from '../stand-in/helpers.ts';

test('the status rule: services and the CDN', () => {
  const service: Array<[number, IneErrorCode | undefined]> = [
    [0, 'Network'],
    [200, undefined],
    [304, undefined],
    [400, undefined],
    [403, 'AccessDenied'],
    [404, 'NotFound'],
    [409, 'Conflict'],
    [412, 'Conflict'],
    [423, 'AccountLocked'],
    [429, 'Throttled'],
    [500, 'ServerError'],
    [503, 'Throttled'],
    [504, 'ServerError'],
  ];
  for (const [status, code] of service) assert.equal(codeForStatus(status), code, `service ${status}`);
  // The CDN answers a draft exactly like a missing clip, so 403 cannot mean "refused" there.
  const cdn: Array<[number, IneErrorCode | undefined]> = [
    [0, 'Network'],
    [403, 'NotFound'],
    [404, 'NotFound'],
    [412, undefined],
    [429, 'Throttled'],
    [503, 'ServerError'],
  ];
  for (const [status, code] of cdn) assert.equal(codeForStatus(status, 'cdn'), code, `cdn ${status}`);
  assert.equal(recordProblem(403), 'NotFound');
  assert.equal(recordProblem(502), 'ServerError');
  assert.equal(recordProblem(400), 'Network');
});

test('the retry rule: automatic only for transient codes; the player offers a button for "manual" ones', () => {
  const auto = Object.keys(ERROR_CODES)
    .filter((c) => retryRule(c as IneErrorCode) === 'auto')
    .sort();
  assert.deepEqual(auto, ['ChecksumMismatch', 'Network', 'ServerError', 'Throttled']);
  for (const code of Object.keys(ERROR_CODES) as IneErrorCode[]) {
    const e = new IneError(code);
    assert.equal(e.retryable, retryRule(code) === 'auto', code);
    assert.equal(e.userRetryable, retryRule(code) !== 'never', code);
  }
  assert.equal(isErrorCode('NotFound'), true);
  assert.equal(isErrorCode('toString'), false, 'prototype names are not codes');
  assert.equal(isErrorCode('NoSuchBucket'), false);
});

test('toIneError: unknown service names become Unknown (the code list is closed), the cause is kept', () => {
  const raw = Object.assign(new Error('odd'), { name: 'SomethingNew', $metadata: { httpStatusCode: 400 } });
  const e = toIneError(raw);
  assert.equal(e.code, 'Unknown');
  assert.equal(e.cause, raw);
  assert.equal(e.status, 400);
  assert.equal(toIneError(new TypeError('Failed to fetch')).code, 'Network');
  assert.equal(toIneError(Object.assign(new Error('x'), { name: 'AbortError' })).code, 'Aborted');
  assert.equal(toIneError(undefined).code, 'Unknown');
  // An IneError that crossed a JSON or worker boundary keeps its code.
  assert.equal(toIneError({ name: 'TitleRequired', message: 'x' }).code, 'TitleRequired');
  assert.equal(
    classify(new S3ServiceException({ name: 'BadDigest', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'bad' })).code,
    'ChecksumMismatch',
  );
  assert.equal(classify(new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'gone' })).code, 'NotFound');
});

test('real SDK errors from the stand-in map onto the documented codes', async (t) => {
  const standIn = await testStandIn();
  t.after(() => standIn.cleanup());
  const bucket = standIn.config.bucket;
  const missing = await serviceClient(standIn)
    .send(new GetObjectCommand({ Bucket: bucket, Key: 'media/none/video.json' }))
    .catch((e: unknown) => e);
  assert.equal(toIneError(missing).code, 'NotFound');
  const guest = s3Client(standIn, await guestCredentials(standIn));
  const refused = await guest.send(new PutObjectCommand({ Bucket: bucket, Key: 'catalog/x.json', Body: '{}' })).catch((e: unknown) => e);
  assert.equal(toIneError(refused).code, 'AccessDenied');
  const stale = await serviceClient(standIn)
    .send(new PutObjectCommand({ Bucket: bucket, Key: 'tmp/x.json', Body: '{}', IfMatch: '"0"' }))
    .catch((e: unknown) => e);
  assert.ok(['Conflict', 'NotFound'].includes(toIneError(stale).code), `stale write → ${toIneError(stale).code}`);
  const off = s3Client(standIn, standIn.staticCredentials, { endpoint: 'http://127.0.0.1:9' });
  assert.equal(toIneError(await off.send(new GetObjectCommand({ Bucket: bucket, Key: 'x' })).catch((e: unknown) => e)).code, 'Network');
});

function hooks(overrides: Partial<RetryHooks> = {}): RetryHooks & { waits: string[]; invalidated: number } {
  const h = {
    waits: [] as string[],
    invalidated: 0,
    signal: new AbortController().signal,
    policy: { ...DEFAULT_RETRY, baseMs: 1, capMs: 2 },
    invalidateCredentials: () => void h.invalidated++,
    isOnline: () => true,
    waitOnline: async () => {},
    onWait: (reason: string) => void h.waits.push(reason),
    ...overrides,
  };
  return h;
}

const sdkError = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });

test('withRetries: transient errors back off up to maxAttempts, refusals stop at once', async () => {
  let calls = 0;
  const h = hooks();
  assert.equal(await withRetries(h, async () => (++calls < 3 ? Promise.reject(sdkError('InternalError', 500)) : 'ok')), 'ok');
  assert.equal(calls, 3);
  assert.deepEqual(h.waits, ['backoff', 'backoff']);

  calls = 0;
  await assert.rejects(
    withRetries(hooks(), async () => (calls++, Promise.reject(sdkError('AccessDenied', 403)))),
    (e: IneError) => e.code === 'AccessDenied',
  );
  assert.equal(calls, 1, 'a refusal is not retried');

  calls = 0;
  await assert.rejects(
    withRetries(hooks(), async () => (calls++, Promise.reject(sdkError('SlowDown', 503)))),
    (e: IneError) => e.code === 'Throttled',
  );
  assert.equal(calls, DEFAULT_RETRY.maxAttempts, 'throttling is retried maxAttempts times in all');
});

test('withRetries: expired credentials are refreshed, damaged parts re-sent within their own budget, offline waits cost no attempt', async () => {
  let calls = 0;
  const h = hooks();
  await withRetries(h, async () => (++calls === 1 ? Promise.reject(sdkError('ExpiredToken', 400)) : 'ok'));
  assert.equal(h.invalidated, 1);

  calls = 0;
  await assert.rejects(
    withRetries(hooks(), async () => (calls++, Promise.reject(sdkError('BadDigest', 400)))),
    (e: IneError) => e.code === 'ChecksumMismatch',
  );
  assert.equal(calls, DEFAULT_RETRY.maxChecksumAttempts);

  let online = false;
  calls = 0;
  const h2 = hooks({
    isOnline: () => online,
    waitOnline: async () => void (online = true),
    policy: { ...DEFAULT_RETRY, maxAttempts: 1, baseMs: 1, capMs: 1 },
  });
  assert.equal(await withRetries(h2, async () => (++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : 'ok')), 'ok');
  assert.deepEqual(h2.waits, ['offline'], 'waiting for the network did not use up the single attempt');

  const ctl = new AbortController();
  ctl.abort(new Error('stop'));
  await assert.rejects(
    withRetries(hooks({ signal: ctl.signal }), async () => Promise.reject(sdkError('InternalError', 500))),
    /stop/,
  );
});

test('docs/errors.md is generated from the code table and is fresh', () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/error-docs.ts', '--check'], { stdio: 'pipe' });
});
