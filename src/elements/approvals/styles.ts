import { css } from 'lit';

/** `<ine-approvals>` styles: the catalog's look (its custom properties are honoured when nested in it). */
export const approvalsStyles = css`
  :host {
    display: block;
    --ine-approvals-accent: var(--ine-catalog-accent, #d5007f);
    --ine-approvals-border: var(--ine-catalog-border, #d9d9e0);
    --ine-approvals-muted: var(--ine-catalog-muted, #555560);
    color: var(--ine-catalog-text, #1f1f24);
    font: 15px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    margin-bottom: 1rem;
  }
  [hidden] { display: none !important; }
  section { border: 1px solid var(--ine-approvals-border); border-radius: 6px; padding: 0.75rem 1rem; }
  h2 { font-size: 1.05rem; margin: 0 0 0.25rem; }
  .intro { margin: 0 0 0.5rem; color: var(--ine-approvals-muted); font-size: 0.9rem; }
  .bar { display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.5rem; }
  button { font: inherit; border: 1px solid var(--ine-approvals-border); background: #fff; border-radius: 6px; padding: 0.35em 0.8em; cursor: pointer; min-height: 2.25rem; }
  button.primary { background: var(--ine-approvals-accent); border-color: var(--ine-approvals-accent); color: #fff; font-weight: 600; }
  button[disabled] { opacity: 0.6; cursor: default; }
  :focus-visible { outline: 3px solid var(--ine-approvals-accent); outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { text-align: start; padding: 0.35rem 0.5rem; border-top: 1px solid var(--ine-approvals-border); vertical-align: top; }
  th { color: var(--ine-approvals-muted); font-weight: 600; }
  td.decide { white-space: nowrap; display: flex; gap: 0.4rem; }
  .outcome.error { color: #b00020; }
  @container (max-width: 40rem) { table, thead, tbody, tr, th, td { display: block; } thead { display: none; } }
`;
