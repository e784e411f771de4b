// hls.js ships no types next to its light build; it has the same API minus subtitles, alternate
// audio, EME and CMCD, none of which the player uses (captions are the record's sidecar WebVTT).
declare module 'hls.js/light' {
  export { default } from 'hls.js';
  export * from 'hls.js';
}
