/**
 * Render a role policy document for a bucket. The AWS deployment and the local stand-in both call
 * this, so the policy that AWS enforces and the one the stand-in enforces are the same bytes.
 */
import { readFileSync } from 'node:fs';
import type { RoleName } from './roles.ts';

export { ROLE_NAMES, type RoleName } from './roles.ts';

export interface PolicyDocument {
  Version: string;
  Statement: Array<Record<string, unknown>>;
}

export function policyTemplate(role: RoleName): string {
  return readFileSync(new URL(`./${role}.json`, import.meta.url), 'utf8');
}

/** The policy for `role` with `{{BucketArn}}` bound to `arn:aws:s3:::<bucket>`. */
export function renderPolicy(role: RoleName, bucket: string): PolicyDocument {
  const text = policyTemplate(role).replaceAll('{{BucketArn}}', `arn:aws:s3:::${bucket}`);
  return JSON.parse(text) as PolicyDocument;
}
