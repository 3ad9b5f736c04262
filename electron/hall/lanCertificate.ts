// The TLS certificate of 大厅网络 (lanListener.ts): self-signed, made on first use and kept in the
// data folder, so that its fingerprint — what the other windows trust (a browser told to accept
// it, a desktop app in client mode pinning it) — stays the same across restarts and address
// changes. Nobody trusts it through a CA; the administrator's page shows the fingerprint to check.
//
// Node's crypto makes keys but not X.509 certificates, and the desktop app runs on Windows PCs
// without the `openssl` command the county hub uses (hub/certificate.ts). So the certificate is
// made with @peculiar/x509 (PeculiarVentures, maintained, pure TypeScript over WebCrypto: the key
// is Node's own P-256 key, nothing native to build). `selfsigned` wraps the same library; using
// it directly lets us choose the curve and the extensions. It needs the `reflect-metadata`
// polyfill (its dependency injection reads decorators' metadata), imported here once.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import type { HallNetworkCertificate } from '../../shared/hallNetwork/api';

export const CERTIFICATE_FILE = 'certificate.pem';
export const PRIVATE_KEY_FILE = 'private-key.pem';
/** Ten years: a new certificate means every window trusting the old one must be told again. */
export const LAN_CERTIFICATE_DAYS = 3650;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface LanCertificate {
  certPem: string;
  keyPem: string;
  info: HallNetworkCertificate;
}

/**
 * The certificate kept in `folder`, or a new one for `names` (IP addresses and host names) when
 * there is none yet; the private key is written 0600 (the folder 0700).
 */
export async function ensureLanCertificate(
  folder: string,
  names: readonly string[],
  now: Date = new Date(),
): Promise<LanCertificate & { created: boolean }> {
  const existing = await readLanCertificate(folder);
  if (existing) return { ...existing, created: false };
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const { certPem, keyPem } = await makeSelfSigned(names, now);
  // The key first and each file whole (written aside, then renamed): a crash never leaves a
  // certificate without its key.
  await writeWhole(path.join(folder, PRIVATE_KEY_FILE), keyPem, 0o600);
  await writeWhole(path.join(folder, CERTIFICATE_FILE), certPem, 0o644);
  return { certPem, keyPem, info: describeCertificate(certPem), created: true };
}

/** The certificate kept in `folder`, or null when none was made yet. */
export async function readLanCertificate(folder: string): Promise<LanCertificate | null> {
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await Promise.all([
      readFile(path.join(folder, CERTIFICATE_FILE), 'utf8'),
      readFile(path.join(folder, PRIVATE_KEY_FILE), 'utf8'),
    ]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return { certPem, keyPem, info: describeCertificate(certPem) };
}

/** Fingerprint, SPKI pin, names and validity of a PEM certificate. */
export function describeCertificate(certPem: string): HallNetworkCertificate {
  const cert = new X509Certificate(certPem);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return {
    fingerprint: cert.fingerprint256,
    spkiPin: createHash('sha256').update(spki).digest('base64'),
    pem: certPem,
    createdAt: new Date(cert.validFrom).toISOString(),
    validUntil: new Date(cert.validTo).toISOString(),
    names: (cert.subjectAltName ?? '')
      .split(/,\s*/)
      .map((entry) => entry.replace(/^(IP Address|DNS):/, ''))
      .filter(Boolean),
  };
}

async function makeSelfSigned(names: readonly string[], now: Date): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const altNames = [...new Set(names)].map((name) =>
    isIP(name) ? { type: 'ip' as const, value: name } : { type: 'dns' as const, value: name },
  );
  // A day back: a window whose clock is a little behind still accepts it.
  const notBefore = new Date(now.getTime() - 86_400_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      // Positive and unique: 16 random bytes, the top bit cleared.
      serialNumber: `0${randomBytes(16).toString('hex').slice(1)}`,
      name: [{ CN: ['乡镇一站通大厅主机'] }, { O: ['乡镇一站通'] }],
      notBefore,
      notAfter: new Date(notBefore.getTime() + LAN_CERTIFICATE_DAYS * 86_400_000),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension(altNames),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n?$/, '\n')}-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString('pem') + '\n', keyPem };
}

async function writeWhole(file: string, text: string, mode: number): Promise<void> {
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, text, { mode });
  // The umask may have taken bits off; the key must be exactly owner-only.
  await chmod(aside, mode);
  await rename(aside, file);
}
