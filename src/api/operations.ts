/* Generated from schemas/openapi.json by scripts/gen-api-client.ts; do not edit. */
/** Every operation of the Web API: its method and path template. */
export const OPERATIONS = {
  listClips: { method: 'GET', path: '/v1/clips' },
  getClip: { method: 'GET', path: '/v1/clips/{id}' },
  deleteClip: { method: 'DELETE', path: '/v1/clips/{id}' },
  updateClip: { method: 'PATCH', path: '/v1/clips/{id}' },
  publishClip: { method: 'POST', path: '/v1/clips/{id}/publish' },
  unpublishClip: { method: 'POST', path: '/v1/clips/{id}/unpublish' },
  getClipHistory: { method: 'GET', path: '/v1/clips/{id}/history' },
  listAudit: { method: 'GET', path: '/v1/audit' },
  listClients: { method: 'GET', path: '/v1/clients' },
  createClient: { method: 'POST', path: '/v1/clients' },
  rotateClientSecret: { method: 'POST', path: '/v1/clients/{id}/rotate-secret' },
  deleteClient: { method: 'DELETE', path: '/v1/clients/{id}' },
} as const;
