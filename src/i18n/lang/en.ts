import type { Translation } from '../localize.js';
import type esMX from './es-MX.js';

/** Messages shared by every element (namespace `common`), English. */
const messages: Translation<typeof esMX> = {
  'error.AccessDenied': 'You do not have permission to do this. If you think this is a mistake, ask an administrator for access.',
  'error.ExpiredCredentials': 'Your session expired. Sign in again to continue; nothing was lost.',
  'error.NotSignedIn': 'Sign in to continue.',
  'error.AccountLocked': 'Your account is locked after too many failed attempts. Wait a few minutes or ask an administrator for help.',
  'error.Network': 'The connection was lost. We will retry as soon as the network is back.',
  'error.Conflict': 'Someone else changed this item at the same time. Review the changes before saving.',
  'error.ApprovalPending': 'A sensitive period is in progress: your request was sent and nothing changes until another administrator approves it.',
  'error.NotFound': 'The requested resource was not found.',
  'error.Throttled': 'The service is busy. Retrying in a few seconds…',
  'error.ServerError': 'The service answered with an error. Try again in a moment.',
  'error.InvalidCaptions': 'The caption file was refused: check that it is a valid WebVTT or SubRip file for this clip.',
  'error.Config': 'Configuration is missing: check the region, identity pool, bucket and CDN URL.',
  'error.Unknown': 'An unexpected error occurred.',
  retry: 'Retry',
  close: 'Close',
  cancel: 'Cancel',
  loading: 'Loading…',
};
export default messages;
