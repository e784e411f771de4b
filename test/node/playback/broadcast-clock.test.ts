// The broadcast clock: the time on air of a moment of a clip, in the offset its broadcastAt was
// written with, and the link that cites it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { broadcastLink, broadcastMoment } from '../../../src/playback/broadcast-clock.ts';
import { timecodeAt } from '../../../src/playback/source-timecode.ts';

test("the moment is broadcastAt plus the media time, in broadcastAt's own offset", () => {
  assert.deepEqual(broadcastMoment('2027-03-01T21:00:00-06:00', 192.9), { clock: '21:03:12', zone: 'UTC−06:00', iso: '2027-03-01T21:03:12-06:00' });
  // Past midnight, the date follows.
  assert.deepEqual(broadcastMoment('2027-03-01T23:59:30-06:00', 45), { clock: '00:00:15', zone: 'UTC−06:00', iso: '2027-03-02T00:00:15-06:00' });
  assert.equal(broadcastMoment('2027-03-01T21:00:00+05:30', 0)?.zone, 'UTC+05:30');
  assert.deepEqual(broadcastMoment('2027-03-02T03:00:00Z', 1), { clock: '03:00:01', zone: 'UTC', iso: '2027-03-02T03:00:01Z' });
  // The viewer's own time zone plays no part.
  assert.equal(broadcastMoment('2027-03-01T21:00:00-0600', 3)?.clock, '21:00:03');
});

test('no clock without a date that carries its offset', () => {
  for (const bad of [undefined, '', 'ayer', '2027-03-01T21:00:00', '2027-13-01T21:00:00-06:00'])
    assert.equal(broadcastMoment(bad, 5), undefined, String(bad));
});

test('the ISO moment names the same instant as broadcastAt + seconds, for any offset', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
      fc.integer({ min: -12 * 60, max: 14 * 60 }),
      fc.integer({ min: 0, max: 6 * 3600 }),
      (utcMs, offsetMin, seconds) => {
        const base = Math.floor(utcMs / 1000) * 1000;
        const sign = offsetMin < 0 ? '-' : '+';
        const p = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
        const wall = new Date(base + offsetMin * 60_000).toISOString().slice(0, 19);
        const at = `${wall}${sign}${p(offsetMin / 60)}:${p(offsetMin % 60)}`;
        const m = broadcastMoment(at, seconds + 0.5)!;
        assert.equal(Date.parse(m.iso), base + seconds * 1000);
      },
    ),
  );
});

test('the link keeps t= (it opens the moment in any player) and adds at=', () => {
  const m = broadcastMoment('2027-03-01T21:00:00-06:00', 192)!;
  assert.equal(broadcastLink('https://ine.mx/clips?v=1#t=192', m), 'https://ine.mx/clips?v=1#t=192&at=2027-03-01T21%3A03%3A12-06%3A00');
});

test("a source timecode that agrees with broadcastAt (within 15 min) sets the clock's seconds: the recorder's clock", () => {
  // Typed to the minute; the off-air recorder stamped 20:59:47 and 12 frames.
  const tc = { start: '20:59:47;12', frameRate: 30000 / 1001 };
  assert.equal(broadcastMoment('2027-03-01T21:00:00-06:00', 0, tc)?.clock, '20:59:47');
  assert.equal(broadcastMoment('2027-03-01T21:00:00-06:00', 13.2, tc)?.iso, '2027-03-01T21:00:00-06:00');
  // Across midnight: typed 00:05, recorded from 23:58:00 the day before.
  assert.equal(broadcastMoment('2027-03-02T00:05:00-06:00', 0, { start: '23:58:00:00', frameRate: 25 })?.iso, '2027-03-01T23:58:00-06:00');
  // An edit suite's programme timecode (10:00:00:00) is no clock: broadcastAt alone.
  assert.equal(broadcastMoment('2027-03-01T21:00:00-06:00', 5, { start: '10:00:00:00', frameRate: 25 })?.clock, '21:00:05');
  // A timecode that is not one changes nothing.
  assert.equal(broadcastMoment('2027-03-01T21:00:00-06:00', 5, { start: 'ayer', frameRate: 25 })?.clock, '21:00:05');
});

test('the source timecode at a media time counts frames at the source rate, drop-frame labels skipping as SMPTE says', () => {
  assert.equal(timecodeAt({ start: '10:00:00:00', frameRate: 25 }, 0), '10:00:00:00');
  assert.equal(timecodeAt({ start: '10:00:00:00', frameRate: 25 }, 61.5), '10:01:01:12');
  // 29.97 drop-frame: after 00:00:59;29 comes 00:01:00;02 (;00 and ;01 are skipped), but not at every tenth minute.
  const df = (start: string, frames: number) => timecodeAt({ start, frameRate: 30000 / 1001 }, frames / (30000 / 1001));
  assert.equal(df('00:00:59;29', 1), '00:01:00;02');
  assert.equal(df('00:09:59;29', 1), '00:10:00;00');
  // An hour of 29.97 drop-frame is 107,892 frames: the label reads one hour on.
  assert.equal(df('01:00:00;00', 107892), '02:00:00;00');
  // Non-drop at 29.97 counts 30 labels per second.
  assert.equal(timecodeAt({ start: '00:00:00:00', frameRate: 30000 / 1001 }, (1001 / 30000) * 30), '00:00:01:00');
  // Past midnight it wraps, as a recorder's counter does.
  assert.equal(timecodeAt({ start: '23:59:59:24', frameRate: 25 }, 0.04), '00:00:00:00');
  for (const bad of [
    undefined,
    { start: '25:00:00:00', frameRate: 25 },
    { start: '10:00:00:30', frameRate: 25 },
    { start: '10:00:00:00', frameRate: 0 },
  ])
    assert.equal(timecodeAt(bad, 1), undefined, JSON.stringify(bad));
});

test('drop-frame labels and frame counts round-trip for any start and time', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 107892 * 24 - 1 }), fc.integer({ min: 0, max: 30000 }), (startFrames, elapsed) => {
      const rate = 30000 / 1001;
      const start = timecodeAt({ start: '00:00:00;00', frameRate: rate }, startFrames / rate)!;
      const later = timecodeAt({ start, frameRate: rate }, elapsed / rate);
      assert.equal(later, timecodeAt({ start: '00:00:00;00', frameRate: rate }, ((startFrames + elapsed) % (107892 * 24)) / rate));
    }),
  );
});
