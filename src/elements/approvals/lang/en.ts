import type { Translation } from '../../../i18n/localize.js';
import type esMX from './es-MX.js';

const messages: Translation<typeof esMX> = {
  heading: 'Requests awaiting approval',
  intro: 'During a sensitive period, publishing, unpublishing or deleting needs another administrator’s approval.',
  refresh: 'Refresh',
  loading: 'Loading requests…',
  none: 'No pending requests.',
  count: (n: number) => (n === 1 ? '1 pending request' : `${n} pending requests`),
  'action.publish': 'Publish',
  'action.unpublish': 'Unpublish',
  'action.delete': 'Delete',
  clip: 'Clip',
  action: 'Action',
  period: 'Period',
  requestedBy: 'Requested by',
  requestedAt: 'Date',
  reason: 'Reason',
  decide: 'Decision',
  approve: 'Approve',
  reject: 'Reject',
  approveLabel: (action: string, title: string) => `Approve: ${action} “${title}”`,
  rejectLabel: (action: string, title: string) => `Reject: ${action} “${title}”`,
  approved: (title: string) => `Request approved: “${title}”.`,
  rejected: (title: string) => `Request rejected: “${title}”.`,
  'problem.ApprovalRefused': 'You cannot decide a request you made: another administrator must.',
  'problem.RequestDecided': 'Someone else already decided this request.',
  'problem.PreconditionFailed': 'The clip changed since the request was made; it has to be requested again.',
};

export default messages;
