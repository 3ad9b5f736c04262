// The ticket's declaration on its own: its life as paths of steps, who may take each (a paired
// kiosk only `take`), and the words of its refusals.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOT_TODAY, ticketKind, type TicketFacts, type TicketStep } from '../../shared/queue/ticketKind';
import { creationRefusal, followPath, offeredSteps, refusalOf, type Actor } from '../../shared/workflow/kind';

const clerk: Actor = { id: 'u1', roles: ['counterClerk'], villageIds: [], committeeIds: [] };
const leader: Actor = { id: 'u2', roles: ['leader'], villageIds: [], committeeIds: [] };
const kiosk: Actor = { id: 's1', roles: [], villageIds: [], committeeIds: [], screen: 'ticketKiosk' };
const callingScreen: Actor = { id: 's2', roles: [], villageIds: [], committeeIds: [], screen: 'callingScreen' };
const today = '2026-11-23';
const ticket = (status: TicketFacts['status'], day = today): TicketFacts => ({ status, day, lastStepOn: day });

describe('the queue ticket’s declaration', () => {
  test('the lives a ticket may have', () => {
    assert.equal(
      followPath(ticketKind, 'waiting', [
        ['call', 'called'],
        ['takeIn', 'serving'],
        ['finish', 'done'],
      ]),
      'done',
    );
    assert.equal(
      followPath(ticketKind, 'waiting', [
        ['call', 'called'],
        ['recall', 'called'],
        ['skip', 'skipped'],
        ['callBack', 'called'],
        ['transfer', 'waiting'],
        ['call', 'called'],
        ['finish', 'done'],
      ]),
      'done',
    );
    assert.throws(() => followPath(ticketKind, 'waiting', [['finish', 'done']]), /“办结”不能从“等候”开始/);
    assert.throws(() => followPath(ticketKind, 'called', []), /不能以“已叫号”开始/);
  });

  test('the kiosk takes tickets and nothing else; a clerk takes them too; the leader none', () => {
    assert.equal(creationRefusal(ticketKind, 'take', kiosk), null);
    assert.equal(creationRefusal(ticketKind, 'take', clerk), null);
    assert.deepEqual(creationRefusal(ticketKind, 'take', callingScreen), {
      code: 'FORBIDDEN',
      message: '这台设备不能取号',
    });
    assert.deepEqual(creationRefusal(ticketKind, 'take', leader), { code: 'FORBIDDEN', message: '您的角色不能取号' });
    assert.deepEqual(refusalOf(ticketKind, 'call', ticket('waiting'), kiosk, today), {
      code: 'FORBIDDEN',
      message: '这台设备不能叫号',
    });
  });

  test('refusals in the declaration’s words', () => {
    const words = (step: TicketStep, t: TicketFacts) => refusalOf(ticketKind, step, t, clerk, today)?.message ?? null;
    assert.equal(words('recall', ticket('waiting')), '该号当前为“等候”，不能重呼（只有“已叫号”的排队号可以）');
    assert.equal(
      words('transfer', ticket('serving')),
      '该号已受理为办件，不能再转窗口：请办结后请群众到另一窗口重新取号',
    );
    assert.equal(words('skip', ticket('done')), '该号已办结，不能再过号，已办结的号只保留备查');
    assert.equal(words('callBack', ticket('skipped', '2026-11-22')), NOT_TODAY);
    assert.equal(words('callBack', ticket('skipped')), null);
    assert.equal(words('takeIn', ticket('called')), null);
  });

  test('the panel’s buttons for a called ticket, in the declaration’s order', () => {
    assert.deepEqual(
      offeredSteps(ticketKind, ticket('called'), clerk, today).map((s) => s.label),
      ['重呼', '过号', '转窗口', '办结'],
    );
    assert.deepEqual(
      offeredSteps(ticketKind, ticket('serving'), clerk, today).map((s) => s.label),
      ['办结'],
    );
    assert.deepEqual(offeredSteps(ticketKind, ticket('called'), leader, today), []);
  });
});
