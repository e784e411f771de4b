/**
 * A real OpenLDAP server for the broker tests: Debian's slapd, configured in a temp folder
 * (slapd.conf, mdb backend, ppolicy overlay with lockout, StartTLS with a self-signed certificate),
 * seeded with slapadd, listening on 127.0.0.1 on a free port, stopped and deleted after. No mocks: the broker binds to it for real.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SLAPD = process.env.INE_SLAPD ?? '/usr/sbin/slapd';
export const SLAPADD = process.env.INE_SLAPADD ?? '/usr/sbin/slapadd';
export const SUFFIX = 'dc=ine,dc=test';
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PW = 'root-secret';
export const SERVICE_DN = `cn=broker,ou=services,${SUFFIX}`;
export const SERVICE_PW = 'service-secret';
export const ADMINS_DN = `cn=video-admins,ou=groups,${SUFFIX}`;
export const UPLOADERS_DN = `cn=video-uploaders,ou=groups,${SUFFIX}`;
export const OTHERS_DN = `cn=press-office,ou=groups,${SUFFIX}`;
/** Failed binds after which ppolicy locks an account (above the broker's limit of 5, as it should be in production). */
export const PPOLICY_MAX_FAILURE = 10;

export interface TestUser {
  uid: string;
  password: string;
  groups: string[];
}
export const USERS: TestUser[] = [
  { uid: 'alicia', password: 'Alicia-pw-1', groups: [ADMINS_DN] },
  { uid: 'bruno', password: 'Bruno-pw-1', groups: [UPLOADERS_DN] },
  { uid: 'carla', password: 'Carla-pw-1', groups: [OTHERS_DN] },
  { uid: 'dario', password: 'Dario-pw-1', groups: [ADMINS_DN] },
  { uid: 'elena', password: 'Elena-pw-1', groups: [UPLOADERS_DN, ADMINS_DN] },
  { uid: 'fer', password: 'Fer-pw-1', groups: [UPLOADERS_DN] },
  { uid: 'gabo', password: 'Gabo-pw-1', groups: [UPLOADERS_DN] },
];

/** `ca`: the PEM certificate slapd presents for StartTLS (self-signed for 127.0.0.1), to trust in tlsOptions.ca. */
export interface Slapd {
  url: string;
  port: number;
  dir: string;
  ca: string;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, so StartTLS runs with certificate checks on. */
function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl could not make slapd's test certificate (${r.status}): ${r.stderr}`);
  return { cert, key };
}

/** Fail loudly (CI installs slapd; a silent skip would hide the untested broker). */
export function requireSlapd(): void {
  const missing = [SLAPD, SLAPADD].filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(
      `The broker tests need OpenLDAP's server: ${missing.join(', ')} not found. Install it with \`apt-get install -y slapd ldap-utils\` (CI does), or set INE_SLAPD / INE_SLAPADD.`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function seedLdif(): string {
  const entries = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: ine\no: INE test`,
    `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ou=services,${SUFFIX}\nobjectClass: organizationalUnit\nou: services`,
    `dn: ou=policies,${SUFFIX}\nobjectClass: organizationalUnit\nou: policies`,
    `dn: cn=default,ou=policies,${SUFFIX}\nobjectClass: organizationalRole\nobjectClass: pwdPolicy\ncn: default\npwdAttribute: userPassword\npwdLockout: TRUE\npwdMaxFailure: ${PPOLICY_MAX_FAILURE}\npwdLockoutDuration: 0\npwdFailureCountInterval: 0`,
    `dn: ${SERVICE_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: broker\nuserPassword: ${SERVICE_PW}`,
    // memberOf as the memberof overlay (or Active Directory) would maintain it; slapadd writes it directly.
    ...USERS.map(
      (u) =>
        `dn: uid=${u.uid},ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: ${u.uid}\ncn: ${u.uid}\nsn: ${u.uid}\nuserPassword: ${u.password}${u.groups.map((g) => `\nmemberOf: ${g}`).join('')}`,
    ),
    ...[ADMINS_DN, UPLOADERS_DN, OTHERS_DN].map((g) => {
      const members = USERS.filter((u) => u.groups.includes(g)).map((u) => `member: uid=${u.uid},ou=people,${SUFFIX}`);
      return `dn: ${g}\nobjectClass: groupOfNames\ncn: ${g.split(',')[0]!.slice(3)}\n${members.join('\n')}`;
    }),
  ];
  return entries.join('\n\n') + '\n';
}

export async function startSlapd(): Promise<Slapd> {
  requireSlapd();
  const dir = mkdtempSync(join(tmpdir(), 'ine-slapd-'));
  mkdirSync(join(dir, 'db'));
  const conf = join(dir, 'slapd.conf');
  const tls = selfSignedCertificate(dir);
  writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'moduleload ppolicy',
      'moduleload memberof',
      `pidfile ${join(dir, 'slapd.pid')}`,
      `TLSCertificateFile ${tls.cert}`,
      `TLSCertificateKeyFile ${tls.key}`,
      'database mdb',
      `suffix "${SUFFIX}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw ${ROOT_PW}`,
      `directory ${join(dir, 'db')}`,
      'maxsize 16777216',
      'overlay memberof',
      'overlay ppolicy',
      `ppolicy_default "cn=default,ou=policies,${SUFFIX}"`,
      'ppolicy_use_lockout',
      'access to attrs=userPassword by self =xw by anonymous auth by * none',
      `access to * by self read by dn.exact="${SERVICE_DN}" read by users read by * none`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'seed.ldif'), seedLdif());
  const add = spawnSync(SLAPADD, ['-f', conf, '-l', join(dir, 'seed.ldif')], { encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`slapadd failed (${add.status}): ${add.stderr}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0: stay in the foreground (no fork) so the test owns the process and can stop it.
  const proc: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited: number | null = null;
  proc.on('exit', (code) => (exited = code ?? -1));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`slapd exited with ${exited}: ${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`slapd did not listen on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const ca = readFileSync(tls.cert, 'utf8');
  return {
    url,
    port,
    dir,
    ca,
    async stop() {
      if (exited === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
