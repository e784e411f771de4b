// The broadcast clock: the time on air of a moment of a clip, in the offset its broadcastAt was
// written with, and the link that cites it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { broadcastLink, broadcastMoment } from '../../../src/playback/broadcast-clock.ts';

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
