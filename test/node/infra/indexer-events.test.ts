// The indexer Lambda's reading of EventBridge S3 events (as SQS message bodies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipIdOfEvent } from '../../../infra/indexer/events.ts';

const body = (bucket: string, key: string) =>
  JSON.stringify({ 'detail-type': 'Object Created', source: 'aws.s3', detail: { bucket: { name: bucket }, object: { key } } });

test('a clip record event of this bucket names its clip; anything else is ignored', () => {
  assert.equal(clipIdOfEvent(body('b', 'media/abc123/video.json'), 'b'), 'abc123');
  assert.equal(clipIdOfEvent(body('b', 'media%2Fabc%20x%2Fvideo.json'), 'b'), 'abc x', 'URL-encoded keys are decoded');
  assert.equal(clipIdOfEvent(body('other', 'media/abc123/video.json'), 'b'), undefined, 'another bucket');
  assert.equal(clipIdOfEvent(body('b', 'media/abc123/master.m3u8'), 'b'), undefined, 'not a record');
  assert.equal(clipIdOfEvent(body('b', 'media/a/b/video.json'), 'b'), undefined, 'not a clip folder');
  assert.equal(clipIdOfEvent('not json', 'b'), undefined);
});
