import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { PeerCertificate } from 'node:tls';
import { test } from 'node:test';
import { certificateFingerprint, createSelfSignedCertificate } from '../../hub/certificate';

test('a self-signed P-256 certificate for the given names, with its fingerprint', async () => {
  const generated = await createSelfSignedCertificate({
    commonName: '某县 县级平台',
    altNames: ['127.0.0.1', 'localhost', '::1', 'hub.example.cn'],
    days: 30,
  });
  const x509 = new X509Certificate(generated.certificatePem);
  assert.equal(generated.fingerprint, x509.fingerprint256);
  assert.equal(certificateFingerprint(generated.certificatePem), generated.fingerprint);
  assert.match(generated.fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.equal(x509.ca, false);
  assert.ok(x509.checkIP('127.0.0.1'));
  assert.ok(x509.checkHost('localhost'));
  assert.ok(x509.checkHost('hub.example.cn'));
  assert.match(x509.subject, /某县/);
  const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 86_400_000;
  assert.ok(Math.abs(days - 30) < 1, `valid for ${days} days`);
  const key = createPrivateKey(generated.keyPem);
  assert.equal(key.asymmetricKeyType, 'ec');
  assert.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  assert.ok(x509.checkPrivateKey(key));
});

test('each call makes a new key and certificate', async () => {
  const request = { commonName: 'hub', altNames: ['127.0.0.1'] };
  const [a, b] = await Promise.all([createSelfSignedCertificate(request), createSelfSignedCertificate(request)]);
  assert.notEqual(a.fingerprint, b.fingerprint);
  assert.notEqual(a.keyPem, b.keyPem);
});

test('bad names are refused before openssl runs', async () => {
  await assert.rejects(createSelfSignedCertificate({ commonName: 'hub', altNames: [] }), /至少/);
  await assert.rejects(createSelfSignedCertificate({ commonName: 'hub', altNames: ['a b'] }), /不是有效的域名/);
  await assert.rejects(createSelfSignedCertificate({ commonName: ' ', altNames: ['x'] }), /不能为空/);
});

test('a client pinning the fingerprint reaches a TLS server using the certificate, and refuses another', async () => {
  const generated = await createSelfSignedCertificate({ commonName: 'hub', altNames: ['127.0.0.1', 'localhost'] });
  const other = await createSelfSignedCertificate({ commonName: 'hub', altNames: ['127.0.0.1', 'localhost'] });
  const server = https.createServer({ cert: generated.certificatePem, key: generated.keyPem }, (_req, res) =>
    res.end('县级平台'),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const pinned = (ca: string, fingerprint: string) =>
      new Promise<string>((resolve, reject) => {
        const req = https.get(
          {
            host: '127.0.0.1',
            port,
            path: '/',
            ca: [ca],
            agent: false,
            checkServerIdentity: (_host: string, cert: PeerCertificate) =>
              cert.fingerprint256 === fingerprint ? undefined : new Error('证书指纹不符'),
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
      });
    assert.equal(await pinned(generated.certificatePem, generated.fingerprint), '县级平台');
    // Right CA but a different pinned fingerprint: refused by the identity check.
    await assert.rejects(pinned(generated.certificatePem, other.fingerprint), /证书指纹不符/);
    // Trusting another certificate: the chain itself does not verify.
    await assert.rejects(pinned(other.certificatePem, other.fingerprint), /self[- ]signed|certificate/i);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
