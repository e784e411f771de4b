import type { Translation } from '../../../../i18n/localize.js';
import type esMX from './es-MX.js';

/** The player's integrity check texts in English. */
const messages: Translation<typeof esMX> = {
  verifying: 'Verifying…',
  verifyingLong: 'Verifying the video’s integrity',
  verified: 'Verified',
  verifiedLong: 'Verified: this video is the original signed by the platform. Show details',
  failed: 'Verification failed',
  failedLong: 'Verification failed: this video does not match the signed original. Show details',
  details: 'Verification details',
  sourceHash: 'SHA-256 fingerprint of the original file',
  uploadedAt: 'Uploaded',
  packagedAt: 'Packaged',
  keyId: 'Signing key',
  checkedFiles: 'Files verified so far',
  whatFailed: 'What failed',
  'target.manifest': 'the provenance manifest',
  'target.keys': 'the platform’s keys',
  'target.playlist': 'a playlist',
  'target.segment': 'a video segment',
  'failure.manifest-missing': 'This video has no signed provenance manifest.',
  'failure.manifest-invalid': 'The provenance manifest is damaged or not in the expected format.',
  'failure.unknown-key': 'The manifest is signed with a key that is not the platform’s.',
  'failure.bad-signature': 'The manifest’s signature does not match: the manifest was altered.',
  'failure.hash-mismatch': 'A file of the video is not the one signed at packaging: it was altered.',
  'failure.not-covered': 'A file arrived that is not in the signed manifest.',
  'failure.wrong-clip': 'The signed manifest belongs to another video.',
};
export default messages;
