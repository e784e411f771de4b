/**
 * The "Subtítulos" section of `<ine-catalog admin>`'s editor: the clip's caption tracks (language,
 * extracted from the source or attached), a file input (.vtt, .srt) with a language to attach one,
 * and a remove button per track, through the Web API (PUT/DELETE /v1/clips/{id}/captions/{lang}).
 * A refused file is named with its reason and line, translated.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { IneConfig } from '../../config/types.js';
import type { CaptionTrack, VideoRecord } from '../../contract/video-record.js';
import { IneError } from '../../internal/errors.js';
import type { IneErrorCode } from '../../internal/error-codes.js';
import type { ClipVersion } from '../../catalog/api-client.js';

type T = (key: string, ...args: unknown[]) => string;

/** Languages offered to attach (BCP 47); a clip's other languages are listed as they are. */
export const CAPTION_LANGUAGES = ['es', 'en', 'nah', 'myn', 'zap', 'mix', 'fr', 'pt'] as const;

export const captionStyles = css`
  .captions { margin-top: 1rem; border-top: 1px solid var(--ine-catalog-border); padding-top: 0.5rem; }
  .captions h3 { margin: 0 0 0.5rem; font-size: 1rem; }
  .captions ul { list-style: none; margin: 0 0 0.5rem; padding: 0; display: grid; gap: 0.25rem; }
  .captions li { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .captions .attach { display: flex; gap: 0.5rem; align-items: end; flex-wrap: wrap; }
  .captions .attach label { display: grid; gap: 0.25rem; }
`;

/** What the section reports: a failure's code and, for a refused file, the API's reason and line. */
export interface CaptionsProblem {
  code: IneErrorCode;
  reason?: string;
  line?: number;
}

interface CaptionsState {
  id: string;
  /** The clip as the last change through this section left it (overrides the editor's record). */
  record?: VideoRecord;
  busy?: 'attach' | string;
  problem?: CaptionsProblem;
  /** A polite status after a change (for screen readers). */
  done?: { kind: 'attached' | 'removed'; lang: string };
}

export interface CaptionsApi {
  attach(id: string, lang: string, text: string, type: string): Promise<ClipVersion>;
  remove(id: string, lang: string): Promise<ClipVersion>;
}

async function apiWithLogin(config: IneConfig) {
  if (!config.apiUrl) throw new IneError('Config', 'apiUrl is not configured (admin changes go through the Web API)');
  const [{ createApiClient }, { sharedCredentials }] = await Promise.all([
    import('../../catalog/api-client.js'),
    import('../../auth/credentials.js'),
  ]);
  const credentials = sharedCredentials(config);
  return createApiClient({ apiUrl: config.apiUrl, accessToken: (force) => credentials.accessToken(force) });
}

/** The media type a file is sent as, from its name (the API checks the content). */
export const captionFileType = (name: string): string | undefined =>
  /\.vtt$/i.test(name) ? 'text/vtt' : /\.srt$/i.test(name) ? 'application/x-subrip' : undefined;

/** Keeps the open clip's caption changes; the host re-renders when they change. */
export class CaptionsController implements ReactiveController {
  private state: CaptionsState = { id: '' };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => Promise<IneConfig>,
    private readonly api: (config: IneConfig) => Promise<CaptionsApi> = async (c) => {
      const a = await apiWithLogin(c);
      return { attach: (...x) => a.attachCaptions(...x), remove: (...x) => a.removeCaptions(...x) };
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  of(id: string): CaptionsState {
    return this.state.id === id ? this.state : { id };
  }

  private set(s: CaptionsState): void {
    this.state = s;
    this.host.requestUpdate();
  }

  private async run(id: string, busy: string, change: (api: CaptionsApi) => Promise<ClipVersion>, done: CaptionsState['done']): Promise<void> {
    const prev = this.of(id);
    this.set({ ...prev, busy, problem: undefined, done: undefined });
    try {
      const saved = await change(await this.api(await this.config()));
      if (this.state.id === id) this.set({ id, record: saved.record, done });
    } catch (e) {
      const problem = (e as { problem?: { reason?: unknown; line?: unknown } }).problem;
      const code = e instanceof IneError ? e.code : 'Unknown';
      if (this.state.id === id)
        this.set({
          ...prev,
          busy: undefined,
          problem: {
            code,
            ...(typeof problem?.reason === 'string' ? { reason: problem.reason } : {}),
            ...(typeof problem?.line === 'number' ? { line: problem.line } : {}),
          },
        });
    }
  }

  async attach(id: string, lang: string, file: File): Promise<void> {
    const type = captionFileType(file.name);
    if (!type) return this.set({ ...this.of(id), problem: { code: 'InvalidCaptions', reason: 'fileType' }, done: undefined });
    const text = await file.text();
    await this.run(id, 'attach', (api) => api.attach(id, lang, text, type), { kind: 'attached', lang });
  }

  async remove(id: string, lang: string): Promise<void> {
    await this.run(id, lang, (api) => api.remove(id, lang), { kind: 'removed', lang });
  }
}

export interface CaptionsView {
  t: T;
  /** The page's text for an error code (common errors). */
  errorMessage(code: IneErrorCode): string;
  /** A language's name in the page's language. */
  languageName(lang: string): string;
}

function problemText(v: CaptionsView, p: CaptionsProblem): string {
  if (p.code !== 'InvalidCaptions') return v.errorMessage(p.code);
  const key = `captions.error.${p.reason ?? ''}`;
  const reason = v.t(key);
  const text = reason !== key ? reason : v.errorMessage('InvalidCaptions');
  return p.line ? `${text} ${v.t('captions.atLine', p.line)}` : text;
}

export function renderCaptions(
  v: CaptionsView,
  ctrl: CaptionsController,
  id: string,
  editorRecord: VideoRecord | undefined,
): TemplateResult | typeof nothing {
  const t = v.t;
  const s = ctrl.of(id);
  const record = s.record ?? editorRecord;
  if (!record) return nothing;
  const tracks: CaptionTrack[] = record.captions ?? [];
  const busy = !!s.busy;
  const attach = (e: Event) => {
    e.preventDefault();
    const box = (e.target as HTMLElement).closest('.captions')!;
    const input = box.querySelector<HTMLInputElement>('input[name="caption-file"]')!;
    const lang = box.querySelector<HTMLSelectElement>('select[name="caption-lang"]')!.value;
    const file = input.files?.[0];
    if (!file) return void input.focus();
    void ctrl.attach(id, lang, file).then(() => {
      if (!ctrl.of(id).problem) input.value = '';
    });
  };
  return html`<section class="captions" aria-labelledby="captions-heading">
    <h3 id="captions-heading">${t('captions.title')}</h3>
    ${
      tracks.length
        ? html`<ul>
          ${tracks.map(
            (c) =>
              html`<li data-lang=${c.lang}>
                <span>${v.languageName(c.lang)}</span>
                <span class="readonly">(${t(c.source === 'attached' ? 'captions.attached' : 'captions.extracted')})</span>
                <button type="button" name="remove-captions" ?disabled=${busy} aria-label=${t('captions.removeLabel', v.languageName(c.lang))} @click=${() => void ctrl.remove(id, c.lang)}>
                  ${s.busy === c.lang ? t('captions.removing') : t('captions.remove')}
                </button>
              </li>`,
          )}
        </ul>`
        : html`<p class="readonly">${t('captions.none')}</p>`
    }
    ${
      record.status === 'ready'
        ? html`<div class="attach">
            <label
              >${t('captions.language')}
              <select name="caption-lang">
                ${CAPTION_LANGUAGES.map((l) => html`<option value=${l}>${v.languageName(l)}</option>`)}
              </select></label
            >
            <label
              >${t('captions.file')}
              <input type="file" name="caption-file" accept=".vtt,.srt,text/vtt,application/x-subrip" aria-describedby="captions-hint" />
            </label>
            <button type="button" name="attach-captions" ?disabled=${busy} @click=${attach}>${s.busy === 'attach' ? t('captions.attaching') : t('captions.attach')}</button>
            <span class="readonly" id="captions-hint">${t('captions.hint')}</span>
          </div>`
        : html`<p class="readonly">${t('captions.notReady')}</p>`
    }
    ${s.problem ? html`<p class="notice error" role="alert">${problemText(v, s.problem)}</p>` : nothing}
    <p class="visually-hidden" role="status">${s.done ? t(`captions.done.${s.done.kind}`, v.languageName(s.done.lang)) : ''}</p>
  </section>`;
}
