// A county's own CA and an update server certificate it signed for 127.0.0.1, made with the
// `openssl` command (as hub/certificate.ts makes the hub's) — what a county intranet has when
// its servers' certificates come from the county's CA rather than a public one.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CountyCa {
  caPem: string;
  serverCertificatePem: string;
  serverKeyPem: string;
}

export async function createCountyCa(altName = 'IP:127.0.0.1'): Promise<CountyCa> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'county-ca-'));
  const file = (name: string) => path.join(folder, name);
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-days',
      '3650',
      '-subj',
      '/CN=County Information Center Root CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', [
      'req',
      ...ec,
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
      '-subj',
      '/CN=updates.county',
    ]);
    await writeFile(
      file('server.ext'),
      `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${altName}\n`,
    );
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.pem'),
      '-days',
      '365',
      '-extfile',
      file('server.ext'),
    ]);
    return {
      caPem: await readFile(file('ca.pem'), 'utf8'),
      serverCertificatePem: await readFile(file('server.pem'), 'utf8'),
      serverKeyPem: await readFile(file('server.key'), 'utf8'),
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
