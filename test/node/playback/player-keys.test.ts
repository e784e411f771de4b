// Which key presses the player takes (src/playback/shortcuts.ts), without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyIsPlayers, sliderTarget } from '../../../src/playback/shortcuts.ts';

test('keys typed into a field or a dialog stay there; Space/Enter on a button or link activate it', () => {
  for (const tag of ['input', 'select', 'textarea']) assert.equal(keyIsPlayers('k', tag, false), false, tag);
  assert.equal(keyIsPlayers('k', 'div', true), false, 'inside the help dialog');
  assert.equal(keyIsPlayers(' ', 'button', false), false);
  assert.equal(keyIsPlayers('Enter', 'a', false), false);
  assert.equal(keyIsPlayers('k', 'button', false), true, 'other keys on a button are shortcuts');
  assert.equal(keyIsPlayers('Escape', 'button', false), true, 'Escape closes the settings panel from its button');
  assert.equal(keyIsPlayers(' ', 'div', false), true, 'Space on the player area plays');
  assert.equal(keyIsPlayers(' ', undefined, false), true);
});

test('the seek slider: arrows ±5 s, Page keys ±10 s, Home/End the range ends, other keys not its own', () => {
  const at = (key: string) => sliderTarget(key, 30, 10, 50);
  assert.deepEqual(
    ['ArrowUp', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'PageUp', 'PageDown', 'Home', 'End'].map(at),
    [35, 35, 25, 25, 40, 20, 10, 50],
  );
  for (const key of ['k', ' ', 'Enter', 'toString', 'ArrowUpX', '']) assert.equal(at(key), undefined, JSON.stringify(key));
});
