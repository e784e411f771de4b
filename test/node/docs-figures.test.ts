// Docs that quote figures from the code must agree with it: the HLS ladder in docs/packaging.md's
// table and in docs/deploy.md's cost assumptions, and the packaging limits' defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AUDIO_BITRATE, LADDER } from '../../packaging/ladder.ts';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const mbit = (bps: number) => String(bps / 1e6);

test('docs/packaging.md lists the ladder the code encodes', () => {
  const rows = [...doc('packaging.md').matchAll(/^\| (\d+)p \| (\d+)x(\d+) \| (\d+)x(\d+) \| ([\d.]+) Mbit\/s \|$/gm)];
  assert.deepEqual(
    rows.map((r) => [Number(r[1]), Number(r[6])]),
    LADDER.map((r) => [r.shortSide, Number(mbit(r.maxVideoBitrate))]),
  );
  assert.match(doc('packaging.md'), new RegExp(`AAC-LC ${AUDIO_BITRATE / 1000} kbit/s`));
});

test("docs/deploy.md's cost assumptions use the same ladder", () => {
  const m = /a (\d+)-rendition HLS ladder \((\d+)p-(\d+)p, peaks ([\d.+ ]+) Mbit\/s and (\d+) kbit\/s audio/.exec(doc('deploy.md'));
  assert.ok(m, 'the ladder sentence is there');
  assert.equal(Number(m[1]), LADDER.length);
  assert.equal(Number(m[2]), LADDER[0]!.shortSide);
  assert.equal(Number(m[3]), LADDER.at(-1)!.shortSide);
  assert.deepEqual(
    m[4]!.split('+').map((x) => x.trim()),
    LADDER.map((r) => mbit(r.maxVideoBitrate)),
  );
  assert.equal(Number(m[5]), AUDIO_BITRATE / 1000);
});

test("docs/deploy.md prices MediaConvert for the ladder's SD and HD outputs", () => {
  const m =
    /\| MediaConvert \(Basic tier, AVC\) \| [\d,]+ min × \((\d+) SD outputs \(([\dp, ]+)\) × \$[\d.]+ \+ (\d+) HD outputs \(([\dp, ]+)\)/.exec(
      doc('deploy.md'),
    );
  assert.ok(m, 'the MediaConvert row is there');
  // MediaConvert bills outputs under 720 lines as SD.
  const sd = LADDER.filter((r) => r.shortSide < 720).map((r) => `${r.shortSide}p`);
  const hd = LADDER.filter((r) => r.shortSide >= 720).map((r) => `${r.shortSide}p`);
  assert.deepEqual([Number(m[1]), m[2]!.split(', ')], [sd.length, sd]);
  assert.deepEqual([Number(m[3]), m[4]!.split(', ')], [hd.length, hd]);
});
