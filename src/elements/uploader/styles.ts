import { css } from 'lit';

/** Styles of `<ine-uploader>`; every colour and radius comes from a documented custom property. */
export const uploaderStyles = css`
  :host {
    display: block;
    --ine-uploader-accent: #d5007f;
    --ine-uploader-fg: #1f2328;
    --ine-uploader-muted: #59636e;
    --ine-uploader-bg: #ffffff;
    --ine-uploader-border-color: #8c959f;
    --ine-uploader-radius: 8px;
    --ine-uploader-error: #b3261e;
    --ine-uploader-success: #1a7f37;
    --ine-uploader-focus-ring: 3px solid #0b57d0;
    color: var(--ine-uploader-fg);
    font: 14px/1.45 system-ui, sans-serif;
    container-type: inline-size;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  :focus-visible { outline: var(--ine-uploader-focus-ring); outline-offset: 2px; }

  [part='base'] { display: grid; gap: 12px; min-width: 0; }
  [part='dropzone'] {
    display: grid; justify-items: center; gap: 4px; padding: 24px 12px; text-align: center; cursor: pointer;
    border: 2px dashed var(--ine-uploader-border-color); border-radius: var(--ine-uploader-radius);
    background: var(--ine-uploader-bg); transition: border-color 0.15s, background-color 0.15s;
  }
  [part='dropzone']:hover, [part='dropzone'].over { border-color: var(--ine-uploader-accent); background: color-mix(in srgb, var(--ine-uploader-accent) 6%, var(--ine-uploader-bg)); }
  .drop-title { font-weight: 600; font-size: 1.05em; }
  .hint, .muted { color: var(--ine-uploader-muted); font-size: 0.92em; }

  [part='summary'] { display: grid; gap: 4px; }
  [part='queue'] { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
  [part='item'] {
    display: grid; gap: 8px; padding: 12px; min-width: 0;
    border: 1px solid var(--ine-uploader-border-color); border-radius: var(--ine-uploader-radius); background: var(--ine-uploader-bg);
  }
  [part='item'][data-state='error'], [part='item'][data-state='invalid'] { border-color: var(--ine-uploader-error); }
  [part='item'][data-state='complete'] { border-color: var(--ine-uploader-success); }
  .head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; justify-content: space-between; }
  [part='file-name'] { font-weight: 600; overflow-wrap: anywhere; min-width: 0; }
  [part='state'] { font-size: 0.92em; color: var(--ine-uploader-muted); }
  [data-state='complete'] [part='state'] { color: var(--ine-uploader-success); font-weight: 600; }
  [data-state='error'] [part='state'], [data-state='invalid'] [part='state'] { color: var(--ine-uploader-error); font-weight: 600; }

  [part~='progress'] { height: 8px; border-radius: 4px; background: color-mix(in srgb, var(--ine-uploader-border-color) 35%, transparent); overflow: hidden; }
  [part~='progress-indicator'] { height: 100%; width: 0; background: var(--ine-uploader-accent); transition: width 0.3s ease-out; }
  [part='stats'] { display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 0.92em; color: var(--ine-uploader-muted); font-variant-numeric: tabular-nums; }
  [part='error'] { color: var(--ine-uploader-error); margin: 0; }
  [part='sha'] { margin: 0; font-size: 0.92em; overflow-wrap: anywhere; }
  [part='sha'] code { font-family: ui-monospace, monospace; }

  [part='form'] { display: grid; gap: 8px; margin: 0; min-width: 0; }
  .fields { display: grid; gap: 8px; grid-template-columns: 1fr; margin: 0; padding: 0; border: 0; min-width: 0; }
  @container (min-width: 560px) { .fields { grid-template-columns: 1fr 1fr; } .wide { grid-column: 1 / -1; } }
  legend { padding: 0; font-weight: 600; margin-bottom: 4px; }
  [part='field'] { display: grid; gap: 2px; min-width: 0; }
  label { font-weight: 500; }
  input, select, textarea {
    font: inherit; color: inherit; width: 100%; min-width: 0; padding: 6px 8px; min-height: 36px;
    border: 1px solid var(--ine-uploader-border-color); border-radius: calc(var(--ine-uploader-radius) / 2); background: var(--ine-uploader-bg);
  }
  textarea { min-height: 60px; resize: vertical; }
  input[aria-invalid='true'] { border-color: var(--ine-uploader-error); }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; }
  [part~='button'] {
    font: inherit; min-height: 36px; padding: 6px 14px; cursor: pointer; border-radius: calc(var(--ine-uploader-radius) / 2);
    border: 1px solid var(--ine-uploader-border-color); background: var(--ine-uploader-bg); color: inherit;
  }
  [part~='button-primary'] { background: var(--ine-uploader-accent); border-color: var(--ine-uploader-accent); color: #fff; font-weight: 600; }
  [part~='button']:hover { filter: brightness(0.95); }

  /* Unfinished uploads, rejected-file notices, "Mis envíos". */
  [part='unfinished'], [part='notice'] {
    display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; justify-content: space-between; padding: 8px 12px; min-width: 0;
    border: 1px solid var(--ine-uploader-border-color); border-left-width: 4px; border-radius: var(--ine-uploader-radius); background: var(--ine-uploader-bg);
  }
  [part='unfinished'] { display: grid; border-left-color: var(--ine-uploader-accent); }
  [part='unfinished'] p, [part='unfinished'] ul { margin: 0; }
  [part='unfinished'] ul, [part='notices'] { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
  [part='unfinished-item'] { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; justify-content: space-between; overflow-wrap: anywhere; }
  [part='notice'] { border-left-color: var(--ine-uploader-error); overflow-wrap: anywhere; }
  [part='my-uploads'] { display: grid; gap: 8px; min-width: 0; }
  [part='my-uploads'] > p { margin: 0; }
  [part='my-uploads-title'] { font-size: 1.15em; margin: 8px 0 0; }
  [part='my-uploads-list'] { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
  [part='my-upload'] {
    display: grid; gap: 6px; padding: 12px; min-width: 0;
    border: 1px solid var(--ine-uploader-border-color); border-radius: var(--ine-uploader-radius); background: var(--ine-uploader-bg);
  }
  [part='my-upload-title'] { font-weight: 600; overflow-wrap: anywhere; min-width: 0; }
  [part='my-upload'][data-stage='failed'] { border-color: var(--ine-uploader-error); }
  [part='my-upload'][data-stage='published'] { border-color: var(--ine-uploader-success); }
  [data-stage='failed'] > .head [part='state'] { color: var(--ine-uploader-error); font-weight: 600; }
  [data-stage='published'] > .head [part='state'] { color: var(--ine-uploader-success); font-weight: 600; }
  [part='stage-hint'], [part='resume-note'] { margin: 0; }

  @media (prefers-reduced-motion: reduce) {
    [part='dropzone'], [part~='progress-indicator'] { transition: none; }
  }
  @media (forced-colors: active) {
    [part~='progress-indicator'] { background: Highlight; }
  }
`;
