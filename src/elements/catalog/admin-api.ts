/**
 * The catalog session's admin operations through the Web API (`config.apiUrl`), with the access
 * token of the page's login (src/auth/credentials.ts). Loaded on first use.
 */
import type { IneConfig } from '../../config/types.js';
import { IneError } from '../../internal/errors.js';
import type { CatalogAdminApi } from '../../catalog/session.js';
import type { PreviewGrant } from '../../catalog/api-client.js';

async function client(config: IneConfig) {
  if (!config.apiUrl) throw new IneError('Config', 'apiUrl is not configured (admin changes go through the Web API)');
  const [{ createApiClient }, admin, { sharedCredentials }] = await Promise.all([
    import('../../catalog/api-client.js'),
    import('../../catalog/api-admin.js'),
    import('../../auth/credentials.js'),
  ]);
  const credentials = sharedCredentials(config);
  return { api: createApiClient({ apiUrl: config.apiUrl, accessToken: (force) => credentials.accessToken(force) }), admin };
}

/** A draft preview grant for one clip (POST /v1/clips/{id}/preview). */
export async function previewGrant(config: IneConfig, id: string): Promise<PreviewGrant> {
  const { api } = await client(config);
  return api.previewClip(id);
}

/** Admin operations with the configuration `config()` gives at the time of each call. */
export function apiAdminApi(config: () => Promise<IneConfig>): CatalogAdminApi {
  return {
    loadRecord: async (id) => {
      const { api, admin } = await client(await config());
      return admin.loadRecordViaApi(api, id);
    },
    saveEdits: async (id, base, etag, mine) => {
      const { api, admin } = await client(await config());
      return admin.saveEditsViaApi(api, id, base, etag, mine);
    },
    deleteClip: async (id) => {
      const { api, admin } = await client(await config());
      return admin.deleteClipViaApi(api, id);
    },
  };
}
