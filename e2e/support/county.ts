// The county hub as the browser tests start it, a township registered to it, and the county page
// signed in: one place, so every county test starts the same hub the same way.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHub, type RunningHub } from '../../hub/startHub';
import { makeTestNode, type TestNode } from '../../test/support/syncNode';
import { REPO_ROOT } from './browser';

/** A hub on `dataDir`, any free port, its own self-signed certificate and the built county page. */
export function startCountyHub(dataDir: string, now?: () => Date): Promise<RunningHub> {
  return startHub(
    {
      dataDir,
      host: '127.0.0.1',
      port: 0,
      postgres: null,
      tlsCertFile: null,
      tlsKeyFile: null,
      publicUrl: null,
      insecureHttp: false,
      uiDir: path.join(REPO_ROOT, 'dist/hub-ui'),
    },
    () => {},
    now ? { now } : {},
  );
}

/** A township enrolled at the hub and registered with keys made here (its batches are built by the test). */
export async function registeredTownship(running: RunningHub, townshipName: string): Promise<TestNode> {
  const { enrollment } = await running.hub.createNode({
    townshipName,
    hubUrl: running.publicUrl,
    certificatePem: running.tls.certificatePem,
    certificateFingerprint: running.tls.fingerprint,
  });
  const node = makeTestNode(enrollment);
  await running.hub.register(node.registration(), 'link');
  return node;
}

/** Opens the county page with the county token, on the tab named `tab` when given. */
export async function signInToCounty(page: Page, running: RunningHub, tab?: string): Promise<void> {
  await page.goto(running.url);
  await page.getByLabel('访问口令').fill(running.countyToken);
  await page.getByLabel('访问口令').press('Enter');
  if (tab) await page.getByRole('tab', { name: tab }).click();
}
