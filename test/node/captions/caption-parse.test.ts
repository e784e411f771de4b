/** Attached caption files read strictly: SRT → WebVTT, sanitized cue text, limits, timing rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CaptionFileError, parseCaptionFile, sanitizeCueText, toWebVtt } from '../../../core/captions/parse.ts';
import { CAPTION_LIMITS } from '../../../core/captions/limits.ts';

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof CaptionFileError, String(e));
    return { reason: e.reason, line: e.line };
  }
  assert.fail('expected a CaptionFileError');
};

describe('caption files', () => {
  it('converts SubRip to WebVTT (comma times, cue numbers, CRLF, BOM, <font> and ASS overrides dropped)', () => {
    const srt =
      '\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<font color="red">Hola</font> {\\an8}mundo\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n<i>adiós</i>\r\n';
    assert.equal(
      toWebVtt(parseCaptionFile(srt, 'srt', 10)),
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHola mundo\n\n00:00:03.000 --> 00:00:04.000\n<i>adiós</i>\n',
    );
  });

  it('reads WebVTT with identifiers, NOTE/STYLE blocks and settings; keeps overlaps, sorts cues out of order', () => {
    const vtt =
      'WEBVTT - noticiero\n\nSTYLE\n::cue { color: red }\n\nNOTE a comment\n\nb\n00:05.000 --> 00:06.000 align:start\nsegunda\n\na\n00:01.000 --> 00:07.000\nprimera\n\n00:01.000 --> 00:02.000\nencima\n';
    const cues = parseCaptionFile(vtt, 'vtt', 10);
    assert.deepEqual(
      cues.map((c) => [c.start, c.end, c.text]),
      [
        [1, 7, 'primera'],
        [1, 2, 'encima'],
        [5, 6, 'segunda'],
      ],
    );
  });

  it('keeps only b/i/u, escapes everything else, balances tags', () => {
    assert.equal(sanitizeCueText('<script>alert(1)</script> <b>fuerte <i>y</b> x'), 'alert(1) <b>fuerte <i>y</i></b> x');
    assert.equal(sanitizeCueText('<v Ana>Hola</v> & 3 < 4 --> &amp; <img src=x onerror=alert(1)>'), 'Hola &amp; 3 &lt; 4 --&gt; &amp;');
    assert.equal(sanitizeCueText('<c.yellow>amarillo</c> <00:00:01.000>ya'), 'amarillo ya');
  });

  it('refuses bad files with a reason and the line', () => {
    assert.deepEqual(
      reason(() => parseCaptionFile('1\n00:00:01,000 --> 00:00:02,000\nx\n', 'vtt', 10)),
      { reason: 'header', line: 1 },
    );
    assert.deepEqual(
      reason(() => parseCaptionFile('WEBVTT\n\n00:01.000 -> 00:02.000\nx\n', 'vtt', 10)),
      { reason: 'timing', line: 3 },
    );
    assert.deepEqual(
      reason(() => parseCaptionFile('WEBVTT\n\n00:03.000 --> 00:02.000\nx\n', 'vtt', 10)),
      { reason: 'endBeforeStart', line: 3 },
    );
    assert.deepEqual(
      reason(() => parseCaptionFile('WEBVTT\n\n00:09.000 --> 00:12.000\nx\n', 'vtt', 10)),
      { reason: 'outsideClip', line: 3 },
    );
    assert.deepEqual(
      reason(() => parseCaptionFile('WEBVTT\n\n00:01:70.000 --> 00:01:71.000\nx\n', 'vtt', 100)),
      { reason: 'timing', line: 3 },
    );
    assert.deepEqual(
      reason(() => parseCaptionFile('WEBVTT\n\nNOTE only\n', 'vtt', 10)),
      { reason: 'empty', line: undefined },
    );
    assert.deepEqual(
      reason(() => parseCaptionFile('x\n00:00:01,000 --> 00:00:02,000\ny\n', 'srt', 10)),
      { reason: 'timing', line: 1 },
    );
    assert.equal(reason(() => parseCaptionFile('WEBVTT\n\n00:01.000 --> 00:02.000\nbad \uFFFD byte\n', 'vtt', 10)).reason, 'encoding');
    const long = 'WEBVTT\n\n00:01.000 --> 00:02.000\n' + 'a'.repeat(CAPTION_LIMITS.cueChars + 1) + '\n';
    assert.equal(reason(() => parseCaptionFile(long, 'vtt', 10)).reason, 'cueTooLong');
    const many =
      'WEBVTT\n\n' +
      Array.from({ length: CAPTION_LIMITS.cues + 1 }, (_, i) => `00:00:00.${String(i % 1000).padStart(3, '0')} --> 00:00:01.500\nx`).join('\n\n');
    assert.equal(reason(() => parseCaptionFile(many, 'vtt', 10)).reason, 'tooManyCues');
    assert.equal(reason(() => parseCaptionFile('WEBVTT\n\n' + 'x'.repeat(CAPTION_LIMITS.bytes), 'vtt', 10)).reason, 'tooLarge');
  });

  it('clips a cue ending just past the clip (editor rounding) to its end', () => {
    assert.equal(parseCaptionFile('WEBVTT\n\n00:09.000 --> 00:10.800\nfin\n', 'vtt', 10)[0]!.end, 10);
  });
});
