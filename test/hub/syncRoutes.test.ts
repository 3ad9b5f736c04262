import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { sha256Hex, utf8 } from '../../shared/sync/bytes';
import { MAX_ENVELOPE_BYTES } from '../../shared/sync/envelope';
import { signNodeRequest } from '../../shared/sync/nodeRequest';
import { SYNC_PATHS, batchAccepted, syncErrorBody } from '../../shared/sync/protocol';
import type { TestNode } from '../support/syncNode';
import { serveSyncRoutes, type ServedSync } from '../support/syncServer';
import { eachDatabase, SAMPLE_CATALOG, type TestHub } from '../support/testHub';

type Served = ServedSync;

async function withServer(t: TestHub, body: (s: Served) => Promise<void>) {
  const served = await serveSyncRoutes(() => t.hub);
  try {
    await body(served);
  } finally {
    await served.close();
  }
}

const post = (url: string, body: Uint8Array) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body });

async function errorOf(response: Response) {
  return syncErrorBody.parse(await response.json());
}

/** The state request as the township's sync client signs it, on the hub's clock. */
const signedState = (s: Served, t: TestHub, node: TestNode, nodeId = node.nodeId) => {
  const path = SYNC_PATHS.state(nodeId);
  const signer = {
    suite: node.suite,
    nodeId,
    signingKeyId: node.signingKeyId,
    signingPrivateKey: node.signing.privateKey,
  };
  return fetch(s.url + path, { headers: { Authorization: signNodeRequest(signer, 'GET', path, t.clock.now()) } });
};

const TUS = { 'Tus-Resumable': '1.0.0' };

function metadata(node: TestNode, sha256: string): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return `node ${b64(node.nodeId)},sha256 ${b64(sha256)}`;
}

async function createUpload(s: Served, node: TestNode, envelope: Uint8Array, sha256: string): Promise<string> {
  const response = await fetch(s.url + SYNC_PATHS.files, {
    method: 'POST',
    headers: { ...TUS, 'Upload-Length': String(envelope.length), 'Upload-Metadata': metadata(node, sha256) },
  });
  assert.equal(response.status, 201);
  const location = response.headers.get('location');
  assert.match(location ?? '', /^\/sync\/v1\/files\/[0-9a-f]{32}$/);
  return s.url + location!;
}

const patch = (url: string, offset: number, body: Uint8Array) =>
  fetch(url, {
    method: 'PATCH',
    headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
    body,
  });

const head = (url: string) => fetch(url, { method: 'HEAD', headers: TUS });

/** A big, incompressible attachment envelope, so that "half" means half of real bytes on the wire. */
function bigAttachment(node: TestNode) {
  const content = new Uint8Array(600_000);
  for (let i = 0; i < content.length; i++) content[i] = (i * 2654435761) >>> 24;
  const sha256 = sha256Hex(content);
  return { content, sha256, envelope: node.file(content) };
}

eachDatabase((fixture) => {
  test('register, batches, state and down over HTTP, with refusals as JSON and status codes', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const { node } = await t.enroll();
      const registered = await post(s.url + SYNC_PATHS.register, node.registration());
      assert.equal(registered.status, 200);
      assert.deepEqual(await registered.json(), { nodeId: node.nodeId, townshipName: '青石镇' });

      const b1 = node.batch(node.entries(10));
      const b2 = node.batch(node.entries(10));
      const b3 = node.batch(node.entries(10));
      const accepted = await post(s.url + SYNC_PATHS.batches, b1);
      assert.equal(accepted.status, 200);
      const first = batchAccepted.parse(await accepted.json());
      assert.equal(first.appliedThrough, 10);
      assert.equal(first.replay, false);
      const replay = await (await post(s.url + SYNC_PATHS.batches, b1)).json();
      assert.deepEqual(replay, { ...first, replay: true });

      const gap = await post(s.url + SYNC_PATHS.batches, b3);
      assert.equal(gap.status, 409);
      assert.deepEqual(await errorOf(gap), {
        error: { code: 'gap', message: '序号不连续：已接收至 10，本批从 21 开始' },
        appliedThrough: 10,
      });
      assert.equal((await post(s.url + SYNC_PATHS.batches, b2)).status, 200);
      assert.equal((await post(s.url + SYNC_PATHS.batches, b3)).status, 200);

      const state = await signedState(s, t, node);
      assert.deepEqual(await state.json(), { appliedThrough: 30, lastBatchHash: node.lastBatchHash });
      // Unsigned, the hub says nothing of how far it got (nodeState.test.ts has the rest).
      assert.equal((await fetch(s.url + SYNC_PATHS.state(node.nodeId))).status, 401);

      const nothing = await fetch(s.url + SYNC_PATHS.down(node.nodeId, 0));
      assert.equal(nothing.status, 204);
      await t.hub.publishCatalog(SAMPLE_CATALOG, 'all');
      const down = await fetch(s.url + SYNC_PATHS.down(node.nodeId, 0));
      assert.equal(down.status, 200);
      assert.equal(down.headers.get('content-type'), 'application/octet-stream');
      const payload = node.openDown(new Uint8Array(await down.arrayBuffer()));
      assert.equal(payload.appliedThrough, 30);
      assert.equal(payload.packages[0]?.kind, 'catalog');

      const stranger = await signedState(s, t, node, 'no-such-node');
      assert.equal(stranger.status, 404);
      assert.equal((await errorOf(stranger)).error.code, 'unknown-node');
      assert.equal((await fetch(`${s.url}/sync/v1/nodes/${node.nodeId}/down?after=-1`)).status, 400);
      assert.equal((await post(s.url + SYNC_PATHS.batches, utf8('junk'))).status, 400);
      assert.equal((await fetch(s.url + SYNC_PATHS.batches)).status, 405);
      assert.equal(await (await fetch(`${s.url}/county/api/townships`)).text(), 'not sync');

      const tampered = node.batch(node.entries(1), { detached: true });
      tampered[tampered.length - 1]! ^= 0xff;
      const bad = await post(s.url + SYNC_PATHS.batches, tampered);
      assert.equal(bad.status, 400);
      assert.equal((await errorOf(bad)).error.code, 'bad-signature');

      await t.hub.revokeNode(node.nodeId, '测试');
      const revoked = await post(s.url + SYNC_PATHS.batches, node.batch(node.entries(1)));
      assert.equal(revoked.status, 403);
      assert.equal((await errorOf(revoked)).error.code, 'revoked');
      assert.equal((await signedState(s, t, node)).status, 403);
    });
  });

  test('an oversized body is refused with 413 before it is read, and logged', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const response = await post(s.url + SYNC_PATHS.batches, new Uint8Array(MAX_ENVELOPE_BYTES.batch + 1));
      assert.equal(response.status, 413);
      assert.equal((await errorOf(response)).error.code, 'too-large');
      const [logged] = await t.hub.rejections(1);
      assert.deepEqual(
        [logged?.code, logged?.kind, logged?.bytes],
        ['too-large', 'batch', MAX_ENVELOPE_BYTES.batch + 1],
      );

      // Without a Content-Length (chunked), it is cut off once past the limit and still answered.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(s.url + SYNC_PATHS.batches, { method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        const chunk = new Uint8Array(1024 * 1024);
        for (let i = 0; i < 9; i++) req.write(chunk);
        req.end();
      });
      assert.equal(status, 413);
      assert.equal((await t.hub.rejections()).length, 2);
    });
  });

  test('resumable upload: half, HEAD, wrong offset 409, the rest, stored; repeating the end is harmless', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await t.registered();
      const { content, sha256, envelope } = bigAttachment(node);
      const url = await createUpload(s, node, envelope, sha256);
      const half = Math.floor(envelope.length / 2);

      const part = await patch(url, 0, envelope.subarray(0, half));
      assert.equal(part.status, 204);
      assert.equal(part.headers.get('upload-offset'), String(half));
      assert.equal(part.headers.get('upload-complete'), null);

      const status = await head(url);
      assert.equal(status.status, 200);
      assert.equal(status.headers.get('upload-offset'), String(half));
      assert.equal(status.headers.get('upload-length'), String(envelope.length));

      const wrong = await patch(url, 0, envelope.subarray(0, 10));
      assert.equal(wrong.status, 409);
      assert.equal(wrong.headers.get('upload-offset'), String(half));
      assert.equal((await errorOf(wrong)).error.code, 'conflict');

      const rest = await patch(url, half, envelope.subarray(half));
      assert.equal(rest.status, 204);
      assert.equal(rest.headers.get('upload-offset'), String(envelope.length));
      assert.equal(rest.headers.get('upload-complete'), 'stored');
      assert.deepEqual(new Uint8Array(await readFile(t.hub.filePath(node.nodeId, sha256))), content);
      assert.equal((await t.counts()).files, 1);

      // The answer to the last PATCH was lost: the node asks again and hears "stored" again.
      const again = await patch(url, envelope.length, new Uint8Array(0));
      assert.equal(again.status, 204);
      assert.equal(again.headers.get('upload-complete'), 'stored');
      assert.equal((await head(url)).headers.get('upload-complete'), 'stored');
      // The same file stored a second time (a new upload) is a no-op.
      assert.deepEqual(await t.hub.storeFile(envelope, 'link'), { sha256 });
      assert.equal((await t.counts()).files, 1);
    });
  });

  test('an upload resumes after the hub restarts', async () => {
    const t = await fixture.hub();
    const node = await t.registered();
    const { sha256, envelope } = bigAttachment(node);
    const third = Math.floor(envelope.length / 3);
    let url = '';
    await withServer(t, async (s) => {
      url = (await createUpload(s, node, envelope, sha256)).replace(s.url, '');
      assert.equal((await patch(s.url + url, 0, envelope.subarray(0, third))).status, 204);
    });
    await t.reopen();
    await withServer(t, async (s) => {
      const offset = Number((await head(s.url + url)).headers.get('upload-offset'));
      assert.equal(offset, third);
      const done = await patch(s.url + url, offset, envelope.subarray(offset));
      assert.equal(done.headers.get('upload-complete'), 'stored');
    });
  });

  test('a PATCH cut off mid-body keeps what arrived; the node resumes from the offset HEAD gives', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await t.registered();
      const { sha256, envelope } = bigAttachment(node);
      const url = await createUpload(s, node, envelope, sha256);
      // Announce the whole body, send 40 %, then drop the connection.
      const cut = Math.floor(envelope.length * 0.4);
      await new Promise<void>((resolve) => {
        const req = request(url, {
          method: 'PATCH',
          headers: {
            ...TUS,
            'Content-Type': 'application/offset+octet-stream',
            'Upload-Offset': '0',
            'Content-Length': envelope.length,
          },
        });
        req.on('error', () => resolve());
        req.write(envelope.subarray(0, cut), () => {
          req.destroy();
          resolve();
        });
      });
      // What a node does: HEAD, then PATCH from there; a 409 means "ask again".
      let sent = 0;
      for (let attempt = 0; attempt < 5; attempt++) {
        const offset = Number((await head(url)).headers.get('upload-offset'));
        assert.ok(offset <= cut);
        sent += envelope.length - offset;
        const response = await patch(url, offset, envelope.subarray(offset));
        if (response.status === 409) continue;
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('upload-complete'), 'stored');
        break;
      }
      assert.ok(await readFile(t.hub.filePath(node.nodeId, sha256)));
      assert.ok(sent < envelope.length * 2);
    });
  });

  test('uploads refuse: too large (413), no tus header (412), unknown node (404), a bad envelope (400)', async () => {
    const t = await fixture.hub();
    await withServer(t, async (s) => {
      const node = await t.registered();
      const big = await fetch(s.url + SYNC_PATHS.files, {
        method: 'POST',
        headers: {
          ...TUS,
          'Upload-Length': String(MAX_ENVELOPE_BYTES.file + 1),
          'Upload-Metadata': metadata(node, 'a'.repeat(64)),
        },
      });
      assert.equal(big.status, 413);
      assert.equal((await t.hub.rejections(1))[0]?.code, 'too-large');
      const noTus = await fetch(s.url + SYNC_PATHS.files, { method: 'POST', headers: { 'Upload-Length': '10' } });
      assert.equal(noTus.status, 412);
      const stranger = { ...node, nodeId: 'no-such-node' } as TestNode;
      const unknown = await fetch(s.url + SYNC_PATHS.files, {
        method: 'POST',
        headers: { ...TUS, 'Upload-Length': '100', 'Upload-Metadata': metadata(stranger, 'a'.repeat(64)) },
      });
      assert.equal(unknown.status, 404);
      assert.equal((await head(`${s.url}/sync/v1/files/${'0'.repeat(32)}`)).status, 404);

      // The content does not match the hash in the header: refused when complete, logged, not stored.
      const content = utf8('附件内容');
      const lying = node.file(content, { sha256: 'b'.repeat(64) });
      const url = await createUpload(s, node, lying, 'b'.repeat(64));
      const refused = await patch(url, 0, lying);
      assert.equal(refused.status, 400);
      assert.equal((await errorOf(refused)).error.code, 'malformed');
      assert.equal((await head(url)).status, 410);
      assert.equal((await t.counts()).files, 0);
      assert.equal((await t.hub.rejections(1))[0]?.kind, 'file');
    });
  });
});
