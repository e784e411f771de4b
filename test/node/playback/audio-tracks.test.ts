import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audioLabel, audioOptions } from '../../../src/playback/audio-tracks.ts';
import { needsAlternateAudio } from '../../../src/playback/alternate-audio.ts';

test("audio menu entries: the track's name, else its language's own name, else Audio N", () => {
  assert.deepEqual(
    audioOptions([
      { name: 'Español', lang: 'es' },
      { name: '', lang: 'en' },
      { name: '  ', lang: '' },
      { name: '', lang: 'nah' },
    ]),
    [
      { index: 0, lang: 'es', label: 'Español' },
      { index: 1, lang: 'en', label: 'English' },
      { index: 2, lang: '', label: 'Audio 3' },
      { index: 3, lang: 'nah', label: audioLabel({ name: '', lang: 'nah' }, 3) },
    ],
  );
  assert.equal(audioLabel({ name: '', lang: 'not a tag!' }, 0), 'Audio 1', 'an invalid tag is no name');
});

test('the full hls.js build only for audio in renditions of their own', () => {
  assert.equal(needsAlternateAudio([]), false, 'no audio group');
  assert.equal(needsAlternateAudio([{ name: 'Audio 1' }]), false, 'muxed in the video (no URI)');
  assert.equal(
    needsAlternateAudio([
      { name: 'Español', url: 'audio_es/index.m3u8' },
      { name: 'English', url: 'audio_en/index.m3u8' },
    ]),
    true,
  );
});
