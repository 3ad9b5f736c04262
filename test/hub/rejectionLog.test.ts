// Junk costs nothing to send: the rejection log keeps a bounded number of rows per client
// address and window, counts the rest in memory, and sums them up in one row once the window
// is over (or the hub closes). Another address keeps its own share; the county's own imports
// are never thinned out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SUPPRESSED_KIND } from '../../hub/rejection';
import {
  DEFAULT_REJECTION_LIMITS,
  OTHER_ADDRESSES,
  RejectionThrottle,
  rejectionAddress,
} from '../../hub/rejectionThrottle';
import { utf8 } from '../../shared/sync/bytes';
import { SYNC_PATHS } from '../../shared/sync/protocol';
import { requestFrom, serveSyncRoutes } from '../support/syncServer';
import { eachDatabase, type TestHub } from '../support/testHub';

const PER_ADDRESS = DEFAULT_REJECTION_LIMITS.perAddress;

async function junkFrom(address: string, url: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const answer = await requestFrom(address, url + SYNC_PATHS.batches, { method: 'POST', body: utf8(`junk ${i}`) });
    assert.equal(answer.status, 400, answer.body); // every one is still refused, logged or not
  }
}

async function rows(t: TestHub) {
  return t.hub.rejections(1000);
}

eachDatabase((fixture) => {
  test('junk bodies from one address add a bounded number of rows, then one summary', async () => {
    const t = await fixture.hub();
    const served = await serveSyncRoutes(() => t.hub);
    try {
      await junkFrom('127.0.0.1', served.url, PER_ADDRESS * 3);
      assert.equal((await rows(t)).length, PER_ADDRESS, 'only the first ones of the minute are logged');
      assert.equal(t.logs.filter((line) => line.startsWith('拒收 ')).length, PER_ADDRESS, 'and printed');

      // Another machine is not silenced by the first one's flood.
      await junkFrom('127.0.0.2', served.url, 1);
      assert.equal((await rows(t)).length, PER_ADDRESS + 1);

      // The minute is over: what was kept back becomes one row naming the address and the count.
      t.clock.advanceMinutes(1);
      await t.hub.flushRejectionSummaries();
      const all = await rows(t);
      const summaries = all.filter((r) => r.kind === SUPPRESSED_KIND);
      assert.equal(summaries.length, 1);
      assert.equal(summaries[0]?.code, 'malformed');
      assert.match(
        summaries[0]?.reason ?? '',
        new RegExp(`来自 127\\.0\\.0\\.1 .*另有 ${PER_ADDRESS * 2} 次未逐条记录`),
      );
      assert.match(summaries[0]?.reason ?? '', /数据包格式不正确 \d+ 次/);
      assert.equal(all.length, PER_ADDRESS + 2);
      // Written once: flushing again adds nothing.
      await t.hub.flushRejectionSummaries();
      assert.equal((await rows(t)).length, PER_ADDRESS + 2);

      // A new minute, a new share.
      await junkFrom('127.0.0.1', served.url, 1);
      assert.equal((await rows(t)).length, PER_ADDRESS + 3);
    } finally {
      await served.close();
    }
  });

  test('what is counted but not summed up yet is written when the hub closes', async () => {
    const t = await fixture.hub();
    const served = await serveSyncRoutes(() => t.hub);
    try {
      await junkFrom('127.0.0.1', served.url, PER_ADDRESS + 5);
    } finally {
      await served.close();
    }
    await t.reopen();
    const summaries = (await rows(t)).filter((r) => r.kind === SUPPRESSED_KIND);
    assert.equal(summaries.length, 1);
    assert.match(summaries[0]?.reason ?? '', /另有 5 次/);
  });

  test("the county's own USB imports are all logged, however many", async () => {
    const t = await fixture.hub();
    for (let i = 0; i < PER_ADDRESS + 5; i++) {
      const result = await t.hub.importFile(utf8(`not a sync file ${i}`)).catch((error: unknown) => error);
      assert.ok(result);
    }
    assert.equal((await rows(t)).length, PER_ADDRESS + 5);
  });
});

test('the throttle: per address, overall, and memory bounded by the number of addresses', () => {
  const throttle = new RejectionThrottle({ perAddress: 2, overall: 5, windowMs: 1000, addresses: 3 });
  const admitted = (address: string, at = 0) => throttle.admit(address, at, 'malformed', 10);
  assert.deepEqual(
    ['a', 'a', 'a'].map((a) => admitted(a)),
    [true, true, false],
  );
  assert.deepEqual(
    ['b', 'b', 'c', 'c'].map((a) => admitted(a)),
    [true, true, true, false], // the fifth row of the window: the overall cap
  );
  // A fourth address shares one count with every later one.
  assert.equal(admitted('d'), false);
  assert.equal(admitted('e'), false);
  assert.equal(throttle.openWindows, 4);
  assert.deepEqual(throttle.takeSummaries(500), [], 'no window is over yet');
  const summaries = throttle.takeSummaries(1000);
  assert.deepEqual(summaries.map((s) => [s.address, s.count, s.bytes]).sort(), [
    ['a', 1, 10],
    ['c', 1, 10],
    [OTHER_ADDRESSES, 2, 20],
  ]);
  assert.equal(throttle.openWindows, 0, 'windows that are over are forgotten');
  assert.equal(admitted('a', 1000), true);
});

test('addresses: IPv4 as is (also mapped into IPv6), IPv6 by its /64', () => {
  assert.equal(rejectionAddress('10.1.2.3'), '10.1.2.3');
  assert.equal(rejectionAddress('::ffff:10.1.2.3'), '10.1.2.3');
  assert.equal(rejectionAddress('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
  assert.equal(rejectionAddress('2001:db8:1:2:ffff::9'), '2001:db8:1:2::/64');
  assert.equal(rejectionAddress('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(rejectionAddress('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(rejectionAddress(undefined), '未知地址');
});
