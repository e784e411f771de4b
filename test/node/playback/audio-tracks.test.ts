import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audioLabel, audioOptionsFromHls, audioOptionsFromNative } from '../../../src/playback/audio-tracks.ts';
import { needsAlternateAudio } from '../../../src/playback/alternate-audio.ts';

test("audio menu entries: the track's name, else its language's own name, else Audio N", () => {
  assert.deepEqual(audioOptionsFromHls([{ name: 'Español', lang: 'es', url: 'a' }, { lang: 'en', url: 'b' }, { name: '  ' }, { lang: 'nah' }]), [
    { index: 0, lang: 'es', label: 'Español' },
    { index: 1, lang: 'en', label: 'English' },
    { index: 2, lang: '', label: 'Audio 3' },
    { index: 3, lang: 'nah', label: audioLabel(undefined, 'nah', 3) },
  ]);
  assert.equal(audioLabel(undefined, 'not a tag!', 0), 'Audio 1', 'an invalid tag is no name');
});

test('native audio tracks: entries and the enabled one', () => {
  const tracks = [
    { label: '', language: 'es', enabled: false },
    { label: 'English', language: 'en', enabled: true },
  ];
  assert.deepEqual(audioOptionsFromNative(tracks), {
    options: [
      { index: 0, lang: 'es', label: 'Español' },
      { index: 1, lang: 'en', label: 'English' },
    ],
    enabled: 1,
  });
  assert.deepEqual(audioOptionsFromNative([]), { options: [], enabled: -1 });
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
