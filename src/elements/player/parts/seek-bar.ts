import { html, nothing, type TemplateResult } from 'lit';
import { findCue, type StoryboardCue } from '../../../playback/storyboard-cue.js';
import { formatClock } from '../../../playback/time-format.js';

export interface SeekBarView {
  from: number;
  to: number;
  now: number;
  buffered: Array<[number, number]>;
  label: string;
  valueText: string;
  /** Time under the pointer while hovering or dragging, for the storyboard preview. */
  hoverTime?: number;
  storyboard: StoryboardCue[];
}

const pct = (t: number, v: SeekBarView): string => `${v.to > v.from ? Math.max(0, Math.min(100, ((t - v.from) / (v.to - v.from)) * 100)) : 0}%`;

/**
 * The seek bar: `role="slider"` over the clip range (not the whole media when a range is set),
 * with buffered ranges and a storyboard thumbnail on hover or drag. Pointer and key handling live
 * in the element (they change playback); this only draws.
 */
export function seekBar(v: SeekBarView): TemplateResult {
  const cue = v.hoverTime !== undefined ? findCue(v.storyboard, v.hoverTime) : undefined;
  return html`<div
    class="seek"
    part="seek-bar"
    role="slider"
    tabindex="0"
    aria-label=${v.label}
    aria-valuemin=${Math.floor(v.from)}
    aria-valuemax=${Math.floor(v.to)}
    aria-valuenow=${Math.floor(v.now)}
    aria-valuetext=${v.valueText}
  >
    <div class="track"></div>
    ${v.buffered.map(([a, b]) => {
      const s = Math.max(a, v.from);
      const e = Math.min(b, v.to);
      return e > s ? html`<div class="buffered" part="buffered" style="left:${pct(s, v)};width:calc(${pct(e, v)} - ${pct(s, v)})"></div>` : nothing;
    })}
    <div class="played" part="played" style="width:${pct(v.now, v)}"></div>
    <div class="thumb" part="thumb" style="left:${pct(v.now, v)}"></div>
    ${
      v.hoverTime !== undefined
        ? html`<div class="preview" part="preview" style="left:clamp(${cue ? cue.w / 2 : 24}px, ${pct(v.hoverTime, v)}, calc(100% - ${cue ? cue.w / 2 : 24}px))" aria-hidden="true">
          ${
            cue
              ? html`<div class="frame" style="width:${cue.w}px;height:${cue.h}px;background-image:url(&quot;${cue.url}&quot;);background-position:-${cue.x}px -${cue.y}px"></div>`
              : nothing
          }
          <span>${formatClock(v.hoverTime, v.to)}</span>
        </div>`
        : nothing
    }
  </div>`;
}
