// The hub's TLS certificate and key: the county's own (--tls-cert/--tls-key), or one generated
// on first start into <data>/tls and reused ever after, because every enrolled township pins
// its fingerprint: a new certificate would cut them all off until they re-enroll.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSelfSignedCertificate } from './certificate';

export interface HubTls {
  certificatePem: string;
  keyPem: string;
  fingerprint: string;
  /** Whether the hub made it (for the start-up message). */
  generated: boolean;
}

export const TLS_FOLDER = 'tls';

export async function loadTls(certFile: string, keyFile: string): Promise<HubTls> {
  const [certificatePem, keyPem] = await Promise.all([readText(certFile, '证书'), readText(keyFile, '私钥')]);
  return { certificatePem, keyPem, fingerprint: fingerprintOf(certificatePem, certFile), generated: false };
}

/** The generated certificate of this data folder, made now if there is none yet. */
export async function loadOrCreateTls(dataDir: string, altNames: string[]): Promise<HubTls> {
  const folder = path.join(dataDir, TLS_FOLDER);
  const certFile = path.join(folder, 'hub-cert.pem');
  const keyFile = path.join(folder, 'hub-key.pem');
  try {
    return { ...(await loadTls(certFile, keyFile)), generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = await createSelfSignedCertificate({ commonName: '乡镇一站通县级平台', altNames });
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(keyFile, made.keyPem, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  await writeFile(certFile, made.certificatePem, { mode: 0o644 });
  return { certificatePem: made.certificatePem, keyPem: made.keyPem, fingerprint: made.fingerprint, generated: true };
}

/** Whether the certificate names `host` (a browser on the county's desk warns otherwise). */
export function certificateCovers(certificatePem: string, host: string): boolean {
  const x509 = new X509Certificate(certificatePem);
  const bare = host.replace(/^\[|\]$/g, '');
  return Boolean(isIP(bare) ? x509.checkIP(bare) : x509.checkHost(bare));
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw Object.assign(new Error(`找不到 TLS ${what}文件 ${file}`), { code: 'ENOENT' });
    }
    throw error;
  }
}

function fingerprintOf(pem: string, file: string): string {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch (error) {
    throw new Error(`${file} 不是有效的 PEM 证书`, { cause: error });
  }
}
