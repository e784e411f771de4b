/**
 * The bucket-backed idempotency store (what every Lambda instance shares), against the stand-in's S3:
 * of many instances racing on one key exactly one runs; the answer is replayed to all later ones; a
 * different request with the key is refused; an abandoned or expired claim can be taken again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { storeIdempotencyStore } from '../../../core/api/idempotency.ts';
import { ApiProblem } from '../../../core/api/problem.ts';
import { s3ObjectStore } from '../../../core/storage/object-store.ts';
import { serviceClient, testStandIn, type TestStandIn } from '../stand-in/helpers.ts';

let standIn: TestStandIn;
let s3: ReturnType<typeof serviceClient>;
before(async () => {
  standIn = await testStandIn({ packager: false });
  s3 = serviceClient(standIn);
});
after(async () => {
  s3.destroy();
  await standIn.cleanup();
});

const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } };
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (e: unknown) => (e instanceof ApiProblem ? e.code : String(e)),
  );

describe('bucket-backed idempotency claims', () => {
  it('ten instances racing on one key: exactly one runs, the others wait; then all get the answer', async () => {
    const instances = Array.from({ length: 10 }, () => storeIdempotencyStore(s3ObjectStore(s3, standIn.config.bucket), 60_000));
    const outcomes = await Promise.all(
      instances.map((i) =>
        i.begin('client-a', 'key-1', 'fp').then(
          (r) => r.state,
          (e: unknown) => (e as ApiProblem).code,
        ),
      ),
    );
    assert.equal(outcomes.filter((o) => o === 'new').length, 1, outcomes.join());
    assert.ok(outcomes.filter((o) => o !== 'new').every((o) => o === 'IdempotencyInProgress'));
    await instances[0]!.complete('client-a', 'key-1', answer);
    for (const i of instances) assert.deepEqual(await i.begin('client-a', 'key-1', 'fp'), { state: 'replay', response: answer });
    assert.equal(await codeOf(instances[1]!.begin('client-a', 'key-1', 'another request')), 'IdempotencyKeyReused');
    assert.equal((await instances[2]!.begin('client-b', 'key-1', 'another request')).state, 'new', 'keys are per principal');
  });

  it('an abandoned claim and an expired one can be claimed again', async () => {
    let t = 1_000_000;
    const store = storeIdempotencyStore(s3ObjectStore(s3, standIn.config.bucket), 1000, () => t);
    assert.equal((await store.begin('c', 'k', 'fp')).state, 'new');
    await store.abandon('c', 'k');
    assert.equal((await store.begin('c', 'k', 'fp')).state, 'new');
    await store.complete('c', 'k', answer);
    t += 5000;
    assert.equal((await store.begin('c', 'k', 'other')).state, 'new', 'past its 24 h (here 1 s), a key is free again');
  });
});
