/** Deployment parameters (CDK context) are validated before anything is synthesized. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import { DEFAULT_SETTINGS, readSettings } from '../../../infra/lib/settings.ts';
import { configFromEnv } from '../../../infra/broker/config-from-env.ts';

describe('deployment parameters', () => {
  it('reads context keys (with or without the ine: prefix) over the defaults', () => {
    const app = new App({
      context: {
        'ine:allowedOrigins': 'https://a.ine.mx, https://b.ine.mx',
        priceClass: 'PriceClass_200',
        'ine:logRetentionDays': '90',
        'ine:signedCookies': 'false',
      },
    });
    const s = readSettings(app.node);
    assert.deepEqual(s.allowedOrigins, ['https://a.ine.mx', 'https://b.ine.mx']);
    assert.equal(s.priceClass, 'PriceClass_200');
    assert.equal(s.logRetentionDays, 90);
    assert.equal(s.signedCookies, false);
    assert.equal(s.developerProviderName, DEFAULT_SETTINGS.developerProviderName);
    assert.equal(s.lambdaCode, 'bundle', 'real bundles unless a test asks otherwise');
  });
  it('refuses unsafe or inconsistent values with a clear message', () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ allowedOrigins: ['*'] }, /not an https origin/],
      [{ allowedOrigins: ['http://monitoreo.ine.mx'] }, /not an https origin/],
      [{ allowedOrigins: ['https://monitoreo.ine.mx/path'] }, /not an https origin/],
      [{ domainName: 'videos.ine.mx' }, /go together/],
      [{ domainName: 'v.ine.mx', certificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc' }, /us-east-1/],
      [{ priceClass: 'PriceClass_Cheap' }, /priceClass/],
      [{ namePrefix: 'INE Video' }, /namePrefix/],
      [{ signedCookies: true }, /signedCookiesPublicKey/],
    ];
    for (const [o, re] of bad) assert.throws(() => readSettings(undefined, o as never), re, JSON.stringify(o));
    assert.throws(() => readSettings(new App({ context: { 'ine:logRetentionDays': 'forever' } }).node), /positive integer/);
  });
  it("the broker's ready-made entries validate their JSON config", () => {
    assert.throws(() => configFromEnv({}), /INE_BROKER_CONFIG/);
    assert.throws(
      () =>
        configFromEnv({
          INE_BROKER_CONFIG_JSON: JSON.stringify({
            ldap: { url: 'ldaps://x', userDnTemplate: 'uid={username}', groups: { kind: 'memberOf' } },
            roleGroups: { admin: [], uploader: [] },
            cognito: {},
          }),
        }),
      /identityPools/,
    );
    const ok = configFromEnv({
      INE_BROKER_CONFIG_JSON: JSON.stringify({
        ldap: {
          url: 'ldaps://ldap.ine.mx',
          userDnTemplate: 'uid={username},ou=people,dc=ine,dc=mx',
          groups: { kind: 'memberOf' },
          usernamePattern: '^[a-z.]+$',
          serviceAccount: { dn: 'cn=broker', password: '' },
        },
        roleGroups: { admin: ['cn=a'], uploader: ['cn=u'] },
        cognito: { region: 'us-east-1', developerProviderName: 'ine.monitoreo', identityPools: { admin: 'us-east-1:a', uploader: 'us-east-1:u' } },
      }),
      INE_BROKER_LDAP_SERVICE_PASSWORD: 'from-a-secret',
    });
    assert.ok(ok.ldap.usernamePattern instanceof RegExp);
    assert.equal(ok.ldap.serviceAccount?.password, 'from-a-secret');
  });
});
