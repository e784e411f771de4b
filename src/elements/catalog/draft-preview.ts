/**
 * The editor's draft preview: asks the Web API for a short-lived grant to play the clip being edited
 * (drafts too) and holds it for the editor's `<ine-player>`, whose code is loaded on first use. A
 * controller of `<ine-catalog>`: only admins, only when an editor opens.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IneConfig } from '../../config/types.js';
import type { PreviewGrant } from '../../catalog/api-client.js';
import { toIneError, type IneErrorCode } from '../../internal/errors.js';

export interface PreviewState {
  videoId: string;
  grant?: PreviewGrant;
  error?: IneErrorCode;
}

export class DraftPreview implements ReactiveController {
  state?: PreviewState;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => Promise<IneConfig>,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.state = undefined;
  }

  /** Ask for a grant for `videoId` (a newer call wins over an older one still on its way). */
  async open(videoId: string): Promise<void> {
    this.state = { videoId };
    this.host.requestUpdate();
    try {
      const [{ previewGrant }] = await Promise.all([import('./admin-api.js'), import('../player/ine-player.js')]);
      const grant = await previewGrant(await this.config(), videoId);
      if (this.state?.videoId === videoId) this.state = { videoId, grant };
    } catch (e) {
      if (this.state?.videoId === videoId) this.state = { videoId, error: toIneError(e).code };
    }
    this.host.requestUpdate();
  }

  close(): void {
    this.state = undefined;
    this.host.requestUpdate();
  }
}
