import { css } from 'lit';

/** `<ine-catalog>` styles: sober, INE-like, responsive down to 320 px. */
export const catalogStyles = css`
  :host {
    display: block;
    --ine-catalog-accent: #d5007f;
    --ine-catalog-accent-dark: #a8005f;
    --ine-catalog-text: #1f1f24;
    --ine-catalog-muted: #555560;
    --ine-catalog-border: #d9d9e0;
    --ine-catalog-surface: #ffffff;
    --ine-catalog-surface-alt: #f5f5f8;
    --ine-catalog-radius: 6px;
    color: var(--ine-catalog-text);
    font: 15px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    container-type: inline-size;
  }
  [hidden] { display: none !important; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  button, input, select, textarea { font: inherit; color: inherit; }
  button {
    border: 1px solid var(--ine-catalog-border); background: var(--ine-catalog-surface); border-radius: var(--ine-catalog-radius);
    padding: 0.4em 0.9em; cursor: pointer; min-height: 2.25rem;
  }
  button.primary { background: var(--ine-catalog-accent); border-color: var(--ine-catalog-accent); color: #fff; font-weight: 600; }
  button.primary:hover { background: var(--ine-catalog-accent-dark); }
  button.danger { color: #b00020; border-color: #b00020; }
  button[disabled] { opacity: 0.6; cursor: default; }
  :focus-visible { outline: 3px solid var(--ine-catalog-accent); outline-offset: 2px; }
  input, select, textarea {
    border: 1px solid #8a8a96; border-radius: var(--ine-catalog-radius); padding: 0.4em 0.55em; background: #fff; min-height: 2.25rem;
    box-sizing: border-box; max-width: 100%;
  }
  label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; color: var(--ine-catalog-muted); font-weight: 600; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.75rem; }
  .toolbar .search { flex: 1 1 16rem; }
  .toolbar .search input { width: 100%; font-size: 1rem; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.75rem; }
  .filters label { flex: 1 1 9rem; min-width: 0; }
  .viewswitch { display: inline-flex; }
  .viewswitch button { border-radius: 0; }
  .viewswitch button:first-child { border-radius: var(--ine-catalog-radius) 0 0 var(--ine-catalog-radius); }
  .viewswitch button:last-child { border-radius: 0 var(--ine-catalog-radius) var(--ine-catalog-radius) 0; }
  .viewswitch button[aria-pressed='true'] { background: var(--ine-catalog-accent); border-color: var(--ine-catalog-accent); color: #fff; }
  .status { margin: 0.25rem 0 0.75rem; color: var(--ine-catalog-muted); font-size: 0.9rem; min-height: 1.3em; }
  .message { padding: 1.5rem; text-align: center; background: var(--ine-catalog-surface-alt); border-radius: var(--ine-catalog-radius); }
  .message.error { background: #fdecef; color: #8a0016; }
  .notice { padding: 0.6rem 0.8rem; border-radius: var(--ine-catalog-radius); margin: 0 0 0.75rem; background: #e9f6ee; color: #14532d; }
  .notice.error { background: #fdecef; color: #8a0016; }
  [role='listbox'] { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.9rem; }
  [role='listbox'].grid { grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr)); }
  [role='listbox'].list { grid-template-columns: 1fr; gap: 0.4rem; }
  [role='option'] {
    display: flex; flex-direction: column; background: var(--ine-catalog-surface); border: 1px solid var(--ine-catalog-border);
    border-radius: var(--ine-catalog-radius); overflow: hidden; cursor: pointer; min-width: 0;
  }
  [role='option']:hover { border-color: var(--ine-catalog-accent); }
  [role='option'][aria-selected='true'] { border-color: var(--ine-catalog-accent); box-shadow: 0 0 0 2px var(--ine-catalog-accent); }
  .list [role='option'] { flex-direction: row; align-items: stretch; }
  .thumb { position: relative; aspect-ratio: 16 / 9; background: #2b2b33; color: #e0e0e6; display: grid; place-items: center; font-size: 0.8rem; }
  .list .thumb { width: 8.5rem; flex: none; }
  .thumb img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
  .duration { position: absolute; right: 0.35rem; bottom: 0.35rem; background: rgba(0, 0, 0, 0.8); color: #fff; padding: 0 0.35rem; border-radius: 3px; font-size: 0.8rem; }
  .body { padding: 0.55rem 0.7rem 0.7rem; display: flex; flex-direction: column; gap: 0.15rem; min-width: 0; }
  .title { font-weight: 650; margin: 0; overflow-wrap: anywhere; }
  .meta { color: var(--ine-catalog-muted); font-size: 0.85rem; overflow-wrap: anywhere; }
  .moment { font-size: 0.85rem; font-style: italic; overflow-wrap: anywhere; }
  .moment time { font-style: normal; font-variant-numeric: tabular-nums; font-weight: 600; }
  .badge { align-self: start; font-size: 0.75rem; font-weight: 700; padding: 0.05rem 0.45rem; border-radius: 999px; background: #ececf1; color: #333; }
  .badge.published { background: #e2f3e8; color: #14532d; }
  .badge.failed { background: #fdecef; color: #8a0016; }
  .badge.processing { background: #fff4d6; color: #6b4a00; }
  .more { display: flex; justify-content: center; margin-top: 1rem; }
  dialog { border: none; border-radius: 10px; padding: 0; width: min(40rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 2rem); box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3); }
  dialog::backdrop { background: rgba(20, 20, 28, 0.55); }
  .dialog-body { padding: 1.1rem 1.25rem; display: flex; flex-direction: column; gap: 0.75rem; }
  .dialog-body h2 { margin: 0; font-size: 1.2rem; overflow-wrap: anywhere; }
  .form-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0.7rem; }
  .form-grid .wide { grid-column: 1 / -1; }
  @container (max-width: 30rem) { .form-grid { grid-template-columns: 1fr; } }
  @media (max-width: 30rem) { .form-grid { grid-template-columns: 1fr; } }
  .field-error { color: #b00020; font-weight: 600; font-size: 0.8rem; }
  [aria-invalid='true'] { border-color: #b00020; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; }
  .actions .spacer { flex: 1; }
  .conflict { border: 2px solid #b26b00; background: #fff8ec; border-radius: var(--ine-catalog-radius); padding: 0.8rem; }
  .conflict h3 { margin: 0 0 0.3rem; font-size: 1rem; }
  .conflict fieldset { border: 1px solid var(--ine-catalog-border); border-radius: var(--ine-catalog-radius); margin: 0.5rem 0 0; }
  .conflict legend { font-weight: 700; }
  .conflict .choice { flex-direction: row; align-items: baseline; gap: 0.4rem; font-weight: 400; color: inherit; font-size: 0.9rem; }
  .conflict q { overflow-wrap: anywhere; }
  .readonly { font-size: 0.85rem; color: var(--ine-catalog-muted); }
  .publish-reason { align-self: center; max-width: 22rem; }
  .preview h3 { margin: 0 0 0.3rem; font-size: 1rem; }
  .preview ine-player { display: block; width: 100%; aspect-ratio: 16 / 9; }
`;
