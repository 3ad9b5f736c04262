import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { calendarFile, WorkingCalendar } from '../../shared/calendar/workingCalendar';
import { CASE_STEPS, caseKind, type CaseStep } from '../../shared/counter/caseKind';
import type { CaseStatus } from '../../shared/counter/caseStatus';
import { refusalOf } from '../../shared/workflow/kind';
import { deadlineState, extendByPause, pausedWorkingDays, promisedCompletionDate } from '../../shared/counter/deadline';

const calendar = new WorkingCalendar(
  calendarFile.parse(
    JSON.parse(
      await readFile(new URL('../../resources/calendars/working-calendar-2026.json', import.meta.url), 'utf8'),
    ),
  ).years,
);

describe('promised completion dates', () => {
  test('承诺件 count from the day after acceptance across the National Day holiday', () => {
    assert.equal(promisedCompletionDate(calendar, '2026-09-29', 5, false), '2026-10-12');
    assert.equal(promisedCompletionDate(calendar, '2026-02-12', 3, false), '2026-02-24');
  });
  test('即办件 are due the day they are accepted; a 转报件 without a promise has no date', () => {
    assert.equal(promisedCompletionDate(calendar, '2026-09-29', null, true), '2026-09-29');
    assert.equal(promisedCompletionDate(calendar, '2026-09-29', null, false), null);
  });
  test('a date in a year the calendar lacks is an error, not a guess', () => {
    assert.throws(() => promisedCompletionDate(calendar, '2026-12-28', 5, false), /2027 年/);
  });
});

describe('pauses', () => {
  test('the day a pause begins still counts, the day it ends does not', () => {
    // Fri 10-09 → Tue 10-13: the make-up Saturday 10-10, Mon 10-12 and Tue 10-13 were stopped.
    assert.equal(pausedWorkingDays(calendar, '2026-10-09', '2026-10-13'), 3);
    assert.equal(pausedWorkingDays(calendar, '2026-10-09', '2026-10-09'), 0);
    // Over the whole National Day week nothing is lost: 09-30 → 10-08 stops one working day.
    assert.equal(pausedWorkingDays(calendar, '2026-09-30', '2026-10-08'), 1);
  });
  test('the promised date moves on by the working days paused', () => {
    assert.equal(extendByPause(calendar, '2026-10-12', 3), '2026-10-15');
    assert.equal(extendByPause(calendar, '2026-10-12', 0), '2026-10-12');
  });
});

describe('deadline colours', () => {
  test('green with time to spare, yellow when due today or on the next working day, red after', () => {
    assert.deepEqual(deadlineState(calendar, '2026-10-12', '2026-10-08'), {
      colour: 'green',
      dueDate: '2026-10-12',
      workingDaysLeft: 3,
      provisional: false,
    });
    // Saturday 10-10 is a make-up working day, Sunday 10-11 is not: Monday is the next.
    assert.equal(deadlineState(calendar, '2026-10-12', '2026-10-10').colour, 'yellow');
    assert.equal(deadlineState(calendar, '2026-10-12', '2026-10-11').colour, 'yellow');
    assert.deepEqual(deadlineState(calendar, '2026-10-12', '2026-10-12'), {
      colour: 'yellow',
      dueDate: '2026-10-12',
      workingDaysLeft: 0,
      provisional: false,
    });
    assert.deepEqual(deadlineState(calendar, '2026-10-12', '2026-10-14'), {
      colour: 'red',
      dueDate: '2026-10-12',
      workingDaysLeft: -2,
      provisional: false,
    });
  });
  test('over a weekend a case due on Friday is red on Saturday', () => {
    assert.equal(deadlineState(calendar, '2026-10-16', '2026-10-17').colour, 'red');
  });
  test('a running pause pushes the due date as resuming today would', () => {
    const paused = deadlineState(calendar, '2026-10-12', '2026-10-20', '2026-10-09');
    assert.equal(
      paused.dueDate,
      extendByPause(calendar, '2026-10-12', pausedWorkingDays(calendar, '2026-10-09', '2026-10-20')),
    );
    assert.notEqual(paused.colour, 'red');
  });
  test('no promise: green without a date', () => {
    assert.deepEqual(deadlineState(calendar, null, '2026-10-12'), {
      colour: 'green',
      dueDate: null,
      workingDaysLeft: null,
      provisional: false,
    });
  });
});

describe('the case state machine', () => {
  const clerk = { id: 'clerk', roles: ['counterClerk' as const], villageIds: [], committeeIds: [] };
  const caseIn = (status: CaseStatus) => ({ status, lastStepOn: '2026-10-01', followUp: null });
  const refusal = (step: CaseStep, status: CaseStatus) =>
    refusalOf(caseKind, step, caseIn(status), clerk, '2026-10-09')?.message ?? null;
  test('each status allows exactly the commands of the flow', () => {
    const allowed = (status: CaseStatus) => CASE_STEPS.filter((step) => refusal(step, status) === null);
    // Materials are photographed (附件) from intake until delivery; 补收 only before acceptance.
    assert.deepEqual(allowed('awaitingMaterials'), ['accept', 'void', 'attach', 'receiveMaterials']);
    assert.deepEqual(allowed('accepted'), ['startHandling', 'forward', 'pause', 'complete', 'void', 'attach']);
    assert.deepEqual(allowed('inProgress'), ['forward', 'pause', 'complete', 'void', 'attach']);
    assert.deepEqual(allowed('forwarded'), ['recordForwardReply', 'pause', 'void', 'attach']);
    assert.deepEqual(allowed('paused'), ['resume', 'void', 'attach']);
    assert.deepEqual(allowed('completed'), ['deliver', 'void', 'attach']);
    assert.deepEqual(allowed('delivered'), ['rate', 'void', 'attach']);
    assert.deepEqual(allowed('rated'), ['void']);
    assert.deepEqual(allowed('notAccepted'), []);
    assert.deepEqual(allowed('voided'), []);
  });
  test('a refusal names the status and what is needed', () => {
    assert.equal(refusal('complete', 'accepted'), null);
    assert.equal(refusal('rate', 'completed'), '该件当前为“已办结”，不能评价（只有“已送达”的办件可以）');
  });
});
