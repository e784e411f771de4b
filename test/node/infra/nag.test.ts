/**
 * cdk-nag's AwsSolutions pack (v3: a CDK policy-validation plugin) over the whole app: synthesis
 * must pass with no unacknowledged finding (errors or warnings), and every acknowledgment must
 * carry a reason. Run in the default-domain mode and in the production mode (custom domain,
 * signed cookies, WAF).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IneVideoStack } from '../../../infra/lib/ine-stack.ts';
import { IneReplicaStack } from '../../../infra/lib/replica.ts';
import { readSettings, type IneSettings } from '../../../infra/lib/settings.ts';
import { TEST_ENV } from './helpers.ts';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: Array<{ constructPath: string }>;
}

function nag(
  overrides: Partial<IneSettings>,
  extra?: (stack: IneVideoStack) => void,
): { violations: Violation[]; acks: Array<{ id: string; reason: string }> } {
  const outdir = mkdtempSync(join(tmpdir(), 'ine-nag-'));
  try {
    const app = new App({ outdir });
    const settings = readSettings(app.node, { lambdaCode: 'stub', ...overrides });
    const stack = new IneVideoStack(app, 'IneNag', { settings, env: TEST_ENV });
    extra?.(stack);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    let failed: unknown;
    // The synth prints the validation report as well as writing it: the file is what is checked
    // here, so the printed copy is held back (and shown if the synth failed for another reason).
    const held: unknown[][] = [];
    const print = console.error;
    console.error = (...args: unknown[]) => void held.push(args);
    try {
      app.synth();
    } catch (e) {
      failed = e;
    } finally {
      console.error = print;
    }
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ pluginName: string; violations: Violation[] }>;
    };
    const violations = report.pluginReports.flatMap((p) => p.violations);
    if (failed && !violations.length) {
      for (const args of held) print(...args);
      throw failed;
    }
    const acks: Array<{ id: string; reason: string }> = [];
    for (const c of stack.node.findAll()) {
      for (const m of c.node.metadata) {
        // Recorded as { "<plugin>::<rule id>": reason }.
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) if (id.includes('AwsSolutions')) acks.push({ id, reason });
      }
    }
    return { violations, acks };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const show = (v: Violation[]) =>
  v.map((x) => `${x.severity} ${x.ruleName} at ${x.violatingConstructs.map((c) => c.constructPath).join(', ')}`).join('\n');

describe('cdk-nag AwsSolutions', () => {
  it('default-domain deployment: no unacknowledged findings; every acknowledgment has a reason', () => {
    const { violations, acks } = nag({});
    assert.deepEqual(violations, [], show(violations));
    assert.ok(acks.length > 10, `acknowledgments recorded (${acks.length})`);
    for (const a of acks) assert.ok(a.reason && a.reason.length >= 40, `acknowledgment ${a.id} needs a real reason`);
    assert.ok(
      acks.some((a) => a.id.includes('AwsSolutions-CFR4')),
      'TLS finding acknowledged only in default-domain mode',
    );
  });

  it('production deployment (custom domain, signed cookies, draft previews, WAF): TLS finding fixed, not acknowledged', () => {
    const { violations, acks } = nag({
      previewPublicKey: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApreview\n-----END PUBLIC KEY-----',
      domainName: 'videos.ine.mx',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab',
      signedCookies: true,
      signedCookiesPublicKey: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtest\n-----END PUBLIC KEY-----',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ine/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab',
    });
    assert.deepEqual(violations, [], show(violations));
    assert.ok(!acks.some((a) => a.id.includes('CFR4') || a.id.includes('CFR2')));
  });

  it('with the replica stack, API endpoints behind the regional web ACL, rate-exempt networks, an organization trail and an alarm e-mail: still clean', () => {
    const { violations, acks } = nag(
      {
        regionalWafResourceArns: ['arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod'],
        rateExemptCidrs: ['200.38.0.0/16'],
        organizationId: 'o-abc1234567',
        alarmEmail: 'oncall@ine.mx',
      },
      (stack) => {
        new IneReplicaStack(stack.node.root as App, 'IneNagReplica', {
          settings: stack.settings,
          env: { account: TEST_ENV.account, region: stack.settings.replicaRegion },
        });
      },
    );
    assert.deepEqual(violations, [], show(violations));
    for (const a of acks) assert.ok(a.reason && a.reason.length >= 40, `acknowledgment ${a.id} needs a real reason`);
  });

  it('the check is live: an unprotected bucket added to the stack is reported', async () => {
    const s3 = await import('aws-cdk-lib/aws-s3');
    const { violations } = nag({}, (stack) => new s3.Bucket(stack, 'Careless'));
    const rules = violations.filter((v) => v.violatingConstructs.some((c) => c.constructPath.includes('Careless'))).map((v) => v.ruleName);
    assert.ok(rules.includes('AwsSolutions-S1') && rules.includes('AwsSolutions-S10'), rules.join(','));
  });
});
