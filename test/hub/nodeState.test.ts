// How far the hub got with a node (appliedThrough, lastBatchHash) is told only to the node
// itself — a request signed with its current signing key, as the township's sync client signs
// it — or to the county's token (hubServer.test.ts). Everyone else gets 401 and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getState } from '../../electron/backend/sync/hubApi';
import { createHubClient, type HubClient } from '../../electron/backend/sync/transport';
import { signNodeRequest, type NodeRequestSigner } from '../../shared/sync/nodeRequest';
import { SYNC_PATHS, syncErrorBody } from '../../shared/sync/protocol';
import type { TestNode } from '../support/syncNode';
import { serveSyncRoutes, type ServedSync } from '../support/syncServer';
import { eachDatabase, type TestHub } from '../support/testHub';

async function withServer(t: TestHub, body: (s: ServedSync) => Promise<void>) {
  const served = await serveSyncRoutes(() => t.hub);
  try {
    await body(served);
  } finally {
    await served.close();
  }
}

const signerOf = (node: TestNode, nodeId = node.nodeId): NodeRequestSigner => ({
  suite: node.suite,
  nodeId,
  signingKeyId: node.signingKeyId,
  signingPrivateKey: node.signing.privateKey,
});

function getWith(s: ServedSync, path: string, authorization?: string) {
  return fetch(s.url + path, { headers: authorization ? { Authorization: authorization } : {} });
}

async function refusal(response: Response, status: number, code: string) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.doesNotMatch(text, /appliedThrough"?\s*:\s*\d|lastBatchHash/, 'a refusal says nothing of the state');
  const body = syncErrorBody.parse(JSON.parse(text));
  assert.equal(body.error.code, code, body.error.message);
  return body;
}

/** A registered node with 10 entries applied. */
async function nodeWithBatch(t: TestHub): Promise<TestNode> {
  const node = await t.registered();
  await t.hub.applyBatch(node.batch(node.entries(10)), 'link');
  return node;
}

eachDatabase((fixture) => {
  test("an anonymous caller is refused (and logged); the node's own signed request is answered", async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await nodeWithBatch(t);
      const path = SYNC_PATHS.state(node.nodeId);

      const anonymous = await refusal(await getWith(s, path), 401, 'unauthenticated');
      assert.match(anonymous.error.message, /只有本节点.*或县级平台/);
      // Not even whether the node exists: an unknown id is refused the same way.
      await refusal(await getWith(s, SYNC_PATHS.state('no-such-node')), 401, 'unauthenticated');
      await refusal(await getWith(s, path, 'Bearer not-the-county-token-but-long-enough'), 401, 'unauthenticated');
      const [logged] = await t.hub.rejections(1);
      assert.deepEqual([logged?.kind, logged?.code, logged?.via], ['state', 'unauthenticated', 'link']);
      // An unproven claim is not put down to the township (the county page shows its last refusal).
      assert.equal(logged?.nodeId, null);
      assert.equal((await t.hub.townships()).find((row) => row.nodeId === node.nodeId)?.lastError, null);

      const own = await getWith(s, path, signNodeRequest(signerOf(node), 'GET', path, t.clock.now()));
      assert.equal(own.status, 200);
      assert.deepEqual(await own.json(), { appliedThrough: 10, lastBatchHash: node.lastBatchHash });
    });
  });

  test('a signature only vouches for its own node, path, key and time', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await nodeWithBatch(t);
      const other = await t.registered('白石乡');
      const path = SYNC_PATHS.state(node.nodeId);
      const now = t.clock.now();

      // Another township asking for this one's state, in its own name or claiming this one's.
      const otherPath = SYNC_PATHS.state(other.nodeId);
      await refusal(
        await getWith(s, path, signNodeRequest(signerOf(other), 'GET', otherPath, now)),
        401,
        'unauthenticated',
      );
      await refusal(
        await getWith(s, path, signNodeRequest(signerOf(other, node.nodeId), 'GET', path, now)),
        403,
        'unknown-key',
      );
      // The other node's key id but a signature by a key the hub never saw for it.
      const forged = {
        ...signerOf(node),
        signingKeyId: node.signingKeyId,
        signingPrivateKey: other.signing.privateKey,
      };
      await refusal(await getWith(s, path, signNodeRequest(forged, 'GET', path, now)), 401, 'unauthenticated');
      // A header signed for another path (or method) does not open this one.
      const down = SYNC_PATHS.down(node.nodeId, 0);
      await refusal(await getWith(s, path, signNodeRequest(signerOf(node), 'GET', down, now)), 401, 'unauthenticated');
      await refusal(await getWith(s, path, signNodeRequest(signerOf(node), 'POST', path, now)), 401, 'unauthenticated');
      // A tampered signature.
      const good = signNodeRequest(signerOf(node), 'GET', path, now);
      const tampered = good.replace(/signature=(.)/, (_, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`);
      await refusal(await getWith(s, path, tampered), 401, 'unauthenticated');

      // Too old or too far ahead: a captured header is good for minutes only; the hub says its time.
      t.clock.advanceMinutes(6);
      const stale = await refusal(await getWith(s, path, good), 401, 'clock-skew');
      assert.equal(stale.hubTime, t.clock.now().toISOString());
      const ahead = new Date(t.clock.now().getTime() + 6 * 60_000);
      await refusal(await getWith(s, path, signNodeRequest(signerOf(node), 'GET', path, ahead)), 401, 'clock-skew');
      assert.equal((await getWith(s, path, signNodeRequest(signerOf(node), 'GET', path, t.clock.now()))).status, 200);
    });
  });

  test('after a rotation only the new key is good for a live request; a revoked node is told so', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await nodeWithBatch(t);
      const path = SYNC_PATHS.state(node.nodeId);
      const before = signerOf(node);
      await t.hub.rotate(node.rotation(), 'link');
      const old = await refusal(
        await getWith(s, path, signNodeRequest(before, 'GET', path, t.clock.now())),
        403,
        'unknown-key',
      );
      assert.match(old.error.message, /已.*更换/);
      assert.equal((await getWith(s, path, signNodeRequest(signerOf(node), 'GET', path, t.clock.now()))).status, 200);

      await t.hub.revokeNode(node.nodeId, '电脑失窃');
      const revoked = await refusal(
        await getWith(s, path, signNodeRequest(signerOf(node), 'GET', path, t.clock.now())),
        403,
        'revoked',
      );
      assert.match(revoked.error.message, /电脑失窃/);
    });
  });

  test("the township's client signs its state request, and a PC clock hours off still gets an answer", async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await nodeWithBatch(t);
      const client = createHubClient({ hubUrl: s.url, certificatePem: '', certificateFingerprint: '' });
      try {
        assert.deepEqual(await getState(client, signerOf(node), t.clock.now()), {
          appliedThrough: 10,
          lastBatchHash: node.lastBatchHash,
        });
        // The PC's clock is three hours slow: refused once with the hub's time, signed again on
        // it — and not logged as a refusal, since nothing was refused in the end.
        const rejectionsBefore = (await t.counts()).rejections;
        const slow = new Date(t.clock.now().getTime() - 3 * 60 * 60_000);
        const asked: string[] = [];
        const counting: HubClient = {
          request: (method, path, options) => {
            asked.push(options?.headers?.Authorization ?? '');
            return client.request(method, path, options);
          },
          close: () => client.close(),
        };
        assert.equal((await getState(counting, signerOf(node), slow)).appliedThrough, 10);
        assert.equal(asked.length, 2);
        assert.match(asked[0]!, new RegExp(`time=${slow.toISOString()}`));
        assert.match(asked[1]!, new RegExp(`time=${t.clock.now().toISOString()}`));
        assert.equal((await t.counts()).rejections, rejectionsBefore);
      } finally {
        client.close();
      }
    });
  });
});
