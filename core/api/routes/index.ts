/** Every route of `/v1`, in the order the OpenAPI document lists them. */
import type { RouteDef } from '../route.ts';
import { clipHistory, listAudit } from './audit.ts';
import { createClient, deleteClient, listClients, rotateClientSecret } from './clients.ts';
import { attachClipCaptions, removeClipCaptions } from './clips-captions.ts';
import { deleteClip } from './clips-delete.ts';
import { getClip } from './clips-get.ts';
import { listClips } from './clips-list.ts';
import { patchClip } from './clips-patch.ts';
import { publishClip, unpublishClip } from './clips-publication.ts';
import { approvePublicationRequest, getPublicationRequest, listPublicationRequests, rejectPublicationRequest } from './publication-requests.ts';
import { createSensitivePeriod, deleteSensitivePeriod, listSensitivePeriods } from './sensitive-periods.ts';
import { previewClip } from './clips-preview.ts';
import { abortServerUpload, completeServerUpload, createServerUpload, presignServerUploadParts } from './uploads.ts';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  getWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  rotateWebhookSecret,
} from './webhooks.ts';

export const ROUTES: readonly RouteDef[] = [
  listClips,
  getClip,
  patchClip,
  deleteClip,
  attachClipCaptions,
  removeClipCaptions,
  publishClip,
  unpublishClip,
  listPublicationRequests,
  getPublicationRequest,
  approvePublicationRequest,
  rejectPublicationRequest,
  listSensitivePeriods,
  createSensitivePeriod,
  deleteSensitivePeriod,
  previewClip,
  clipHistory,
  listAudit,
  listClients,
  createClient,
  rotateClientSecret,
  deleteClient,
  createServerUpload,
  presignServerUploadParts,
  completeServerUpload,
  abortServerUpload,
  listWebhookSubscriptions,
  createWebhookSubscription,
  getWebhookSubscription,
  deleteWebhookSubscription,
  rotateWebhookSecret,
  listWebhookDeliveries,
];
