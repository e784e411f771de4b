import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetLinkSpeed, linkSpeed, MIN_MEASURED_SECONDS, recordLinkSpeed } from '../../../src/upload/link-speed.ts';

test('link speed: the last finished upload of the page, long enough to say something about the link', () => {
  forgetLinkSpeed();
  assert.equal(linkSpeed(), undefined);
  recordLinkSpeed(100e6, 4);
  assert.equal(linkSpeed(), 25e6);
  recordLinkSpeed(10e6, MIN_MEASURED_SECONDS - 0.1); // too short: latency, not the link
  recordLinkSpeed(0, 10);
  recordLinkSpeed(Number.NaN, 10);
  recordLinkSpeed(10e6, Number.POSITIVE_INFINITY);
  assert.equal(linkSpeed(), 25e6);
  recordLinkSpeed(60e6, 3);
  assert.equal(linkSpeed(), 20e6);
  forgetLinkSpeed();
  assert.equal(linkSpeed(), undefined);
});
