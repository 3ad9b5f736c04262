// The hub's TLS certificate when the county has none of its own. Townships do not trust it
// through a CA: the enrollment file carries the certificate and its fingerprint, and the node
// pins exactly that. So a self-signed certificate is as good as a bought one here.
//
// Node's crypto can make keys but not X.509 certificates; the `openssl` command can, and is
// on every server the hub runs on (Debian: package `openssl`).
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CertificateRequest {
  commonName: string;
  /** IP addresses and DNS names the certificate is valid for, e.g. ['127.0.0.1', 'localhost']. */
  altNames: string[];
  /** Validity in days (default ten years: renewing means re-enrolling every township). */
  days?: number;
}

export interface GeneratedCertificate {
  certificatePem: string;
  keyPem: string;
  /** SHA-256 fingerprint as Node's X509Certificate.fingerprint256 prints it ('AB:CD:…'). */
  fingerprint: string;
}

export const DEFAULT_CERTIFICATE_DAYS = 3650;

/** An EC P-256 key and a self-signed certificate for it, made by `openssl` in a temp folder. */
export async function createSelfSignedCertificate(request: CertificateRequest): Promise<GeneratedCertificate> {
  const days = request.days ?? DEFAULT_CERTIFICATE_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new Error('证书有效期应为正整数天');
  if (request.altNames.length === 0) throw new Error('证书至少要包含一个地址或域名');
  const folder = await mkdtemp(path.join(tmpdir(), 'hub-cert-'));
  try {
    const keyFile = path.join(folder, 'key.pem');
    const certFile = path.join(folder, 'cert.pem');
    const configFile = path.join(folder, 'openssl.cnf');
    // A config file rather than -subj/-addext: the common name may hold Chinese or a slash,
    // which -subj would have to escape.
    await writeFile(configFile, opensslConfig(request.commonName, request.altNames), { mode: 0o600 });
    await runOpenssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-sha256',
      '-days',
      String(days),
      '-config',
      configFile,
      '-extensions',
      'hub_cert',
      '-utf8',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    const certificatePem = await readFile(certFile, 'utf8');
    const keyPem = await readFile(keyFile, 'utf8');
    return { certificatePem, keyPem, fingerprint: certificateFingerprint(certificatePem) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The SHA-256 fingerprint of a PEM certificate, in the form the enrollment file pins. */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

function opensslConfig(commonName: string, altNames: string[]): string {
  const names = altNames.map((name, i) => {
    const value = name.replace(/^\[|\]$/g, '');
    return isIP(value) ? `IP.${i + 1} = ${value}` : `DNS.${i + 1} = ${checkDnsName(value)}`;
  });
  return [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    'string_mask = utf8only',
    '[dn]',
    `CN = ${escapeConfigValue(commonName)}`,
    '[hub_cert]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
    'subjectAltName = @alt_names',
    '[alt_names]',
    ...names,
    '',
  ].join('\n');
}

function checkDnsName(name: string): string {
  if (!/^[A-Za-z0-9*]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(name)) {
    throw new Error(`“${name}”不是有效的域名或 IP 地址`);
  }
  return name;
}

/** openssl's config syntax: `$` expands variables, `#` starts a comment, `\` escapes. */
function escapeConfigValue(value: string): string {
  const trimmed = value.replace(/[\r\n]/g, ' ').trim();
  if (!trimmed) throw new Error('证书名称不能为空');
  return trimmed.replace(/[\\$#"]/g, (c) => `\\${c}`);
}

function runOpenssl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new Error(
          missing
            ? '未找到 openssl 命令，无法生成证书：请安装 openssl，或用 --tls-cert 与 --tls-key 给出证书'
            : `openssl 生成证书失败：${String(stderr).trim() || error.message}`,
          { cause: error },
        ),
      );
    });
  });
}
