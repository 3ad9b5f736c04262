// How the program reaches a county update server whose certificate no public CA signed. County
// intranets run their own CA, or a server with a self-signed certificate; the administrator
// gives the CA certificate or the server certificate's SHA-256 fingerprint (系统管理 → 软件更新),
// and the requests of electron-updater then go through Node's https with that trust instead of
// Electron's network stack (which trusts only the OS's store). Without either, nothing changes:
// electron-updater keeps Electron's net (the OS store, the system proxy).
// Plain Node: electron-updater's executor class is passed in (it is loaded lazily, see updater.ts),
// and the same code runs in test/electron-shell/updater.test.ts against a local HTTPS server.
import https from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import type { UpdateSettings } from '../../shared/updates/bridge';
import { normalizeFingerprint } from '../../shared/updates/settings';

export interface UpdateServerTrust {
  /** `AB:CD:…`: only the certificate with this SHA-256 fingerprint is accepted. */
  fingerprint: string | null;
  /** PEM: the server's certificate must chain to this CA (and name the host). */
  caPem: string | null;
}

export const CERTIFICATE_MISMATCH = 'CERT_FINGERPRINT_MISMATCH';

/** The trust the settings ask for, or null: none given, Electron's own network stack is used. */
export function trustOf(settings: UpdateSettings): UpdateServerTrust | null {
  const fingerprint = normalizeFingerprint(settings.certificateFingerprint) || null;
  const caPem = settings.caCertificatePem || null;
  return fingerprint || caPem ? { fingerprint, caPem } : null;
}

/**
 * Node TLS options for the trust. With a CA, the chain and the host name are checked against it
 * alone (the public CAs are not trusted for the county's server). With only a fingerprint the
 * chain cannot be checked (a self-signed certificate has none): the fingerprint, compared right
 * after the handshake and before any answer is read (`pinnedCertificateProblem`), is the check.
 */
export function tlsOptionsOf(trust: UpdateServerTrust): { ca?: string[]; rejectUnauthorized: boolean } {
  return trust.caPem
    ? { ca: [trust.caPem], rejectUnauthorized: true }
    : { rejectUnauthorized: trust.fingerprint === null };
}

/** Why the connected server's certificate is not the pinned one, or null. */
export function pinnedCertificateProblem(socket: TLSSocket, fingerprint: string): Error | null {
  const presented = socket.getPeerCertificate()?.fingerprint256;
  if (presented === fingerprint) return null;
  return Object.assign(new Error(`更新服务器的证书指纹（${presented ?? '无'}）与设置的指纹不符`), {
    code: CERTIFICATE_MISMATCH,
  });
}

type ExecutorClass = typeof ElectronHttpExecutor;

/** electron-updater's HTTP client (the same download, redirect and timeout code) over Node's https with `trust`. */
export function createTrustingExecutor(Base: ExecutorClass, trust: UpdateServerTrust): ElectronHttpExecutor {
  const tls = tlsOptionsOf(trust);
  class TrustingHttpsExecutor extends Base {
    // The Electron-only options (`redirect: 'manual'`, `session`) are dropped: Node's client
    // reports redirects as 3xx answers, which electron-updater's executor follows itself.
    override createRequest(options: Record<string, unknown>, callback: (response: unknown) => void) {
      const { redirect: _redirect, session: _session, ...nodeOptions } = options;
      if (nodeOptions.protocol !== undefined && nodeOptions.protocol !== 'https:') {
        throw new Error('设置了证书指纹或 CA 证书时，更新服务器地址必须是 https://');
      }
      // A fresh connection per request (agent: false): a pinned check runs on every handshake.
      const request = https.request({ ...nodeOptions, ...tls, agent: false }, callback);
      const pinned = trust.fingerprint;
      if (pinned) {
        request.on('socket', (socket: Socket) => {
          (socket as TLSSocket).once('secureConnect', () => {
            const problem = pinnedCertificateProblem(socket as TLSSocket, pinned);
            if (problem) request.destroy(problem);
          });
        });
      }
      return request as never;
    }
  }
  return new TrustingHttpsExecutor();
}
