// The install's decisions without any updater: who is asked about unsaved input, what counts as
// an answer, and what 立即安装 does with it (electron/main/updateInstall.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FORMS_ANSWER_TIMEOUT_MS,
  FORMS_POLL_MS,
  NOTHING_TO_INSTALL_MESSAGE,
  QUIT_CANCELLED_AFTER_MS,
  UNANSWERED_FORMS_MESSAGE,
  WAITING_FOR_FORMS_MESSAGE,
  createFormsQuestions,
  createInstallGate,
  type FormsState,
  type FormsWindow,
} from '../../electron/main/updateInstall';
import type { UpdatesEvent } from '../../shared/updates/bridge';
import { manualTimers } from './updateTestKit';

/** A window whose page answers with `answer` (or not at all: null). */
function windowAnswering(id: number, questions: ReturnType<typeof createFormsQuestions>, answer: () => boolean | null) {
  const asked: number[] = [];
  const window: FormsWindow = {
    id,
    send(event: UpdatesEvent) {
      if (event.kind !== 'askForms') return;
      asked.push(event.id);
      const dirty = answer();
      if (dirty !== null) queueMicrotask(() => questions.answer(id, { id: event.id, dirty }));
    },
  };
  return { window, asked };
}

test('forms questions: dirty if any window says so; a silent window is "unanswered" after the timeout; a closed one holds nothing', async () => {
  const clock = manualTimers();
  const questions = createFormsQuestions({ timers: clock.timers });
  const clean = windowAnswering(1, questions, () => false);
  const dirty = windowAnswering(2, questions, () => true);
  assert.equal(await questions.ask([clean.window]), 'clean');
  assert.equal(await questions.ask([clean.window, dirty.window]), 'dirty');
  assert.equal(await questions.ask([]), 'clean');

  const closed: FormsWindow = {
    id: 3,
    send: () => {
      throw new Error('Object has been destroyed');
    },
  };
  assert.equal(await questions.ask([closed, clean.window]), 'clean');

  const silent = windowAnswering(4, questions, () => null);
  const pending = questions.ask([silent.window]);
  clock.fire(FORMS_ANSWER_TIMEOUT_MS);
  assert.equal(await pending, 'unanswered');
  // The answer that comes too late, or from another window, or malformed, settles nothing.
  assert.equal(questions.answer(4, { id: silent.asked[0], dirty: false }), false);
});

test('forms questions: only the window asked may answer, with a well-formed answer', async () => {
  const clock = manualTimers();
  const questions = createFormsQuestions({ timers: clock.timers });
  const quiet = windowAnswering(5, questions, () => null);
  const pending = questions.ask([quiet.window]);
  const id = quiet.asked[0]!;
  assert.equal(questions.answer(6, { id, dirty: false }), false, 'another window');
  assert.equal(questions.answer(5, { id, dirty: 'no' }), false, 'not a boolean');
  assert.equal(questions.answer(5, { id, dirty: false, extra: 1 }), false, 'unknown field');
  assert.equal(questions.answer(5, { id, dirty: true }), true);
  assert.equal(await pending, 'dirty');
});

function gate(forms: () => FormsState, verified = true) {
  const clock = manualTimers();
  const phases: (string | null)[] = [];
  const log: string[] = [];
  let quits = 0;
  const installGate = createInstallGate({
    hasVerifiedUpdate: () => verified,
    askForms: async () => forms(),
    quitToInstall: () => void quits++,
    setPhase: (phase) => void phases.push(phase),
    log: (message) => void log.push(message),
    timers: clock.timers,
  });
  return { installGate, clock, phases, log, quits: () => quits };
}

test('立即安装 with nothing verified: nothing happens, and the page is told', async () => {
  const { installGate, quits } = gate(() => 'clean', false);
  assert.deepEqual(await installGate.requestInstall(), { outcome: 'nothing', message: NOTHING_TO_INSTALL_MESSAGE });
  assert.equal(quits(), 0);
  assert.equal(installGate.requested, false);
});

test('立即安装 with no unsaved input closes the app at once, to restart after installing', async () => {
  const { installGate, phases, quits } = gate(() => 'clean');
  assert.deepEqual(await installGate.requestInstall(), { outcome: 'installing' });
  assert.equal(quits(), 1);
  assert.equal(installGate.requested, true);
  assert.deepEqual(phases, ['installing']);
});

test('unsaved input: waits, says so once, asks again, installs when the form is saved', async () => {
  let state: FormsState = 'dirty';
  const { installGate, clock, phases, log, quits } = gate(() => state);
  assert.deepEqual(await installGate.requestInstall(), { outcome: 'waiting', message: WAITING_FOR_FORMS_MESSAGE });
  // A second click while waiting: the same answer, no second log line.
  assert.deepEqual(await installGate.requestInstall(), { outcome: 'waiting', message: WAITING_FOR_FORMS_MESSAGE });
  assert.deepEqual(log, [WAITING_FOR_FORMS_MESSAGE]);
  assert.deepEqual(clock.delays(), [FORMS_POLL_MS], 'one poll pending, not one per click');
  clock.fire(FORMS_POLL_MS);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(quits(), 0);
  state = 'clean';
  clock.fire(FORMS_POLL_MS);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(quits(), 1);
  assert.deepEqual(phases, ['waitingForForms', 'installing']);
});

test('a page that does not answer counts as unsaved input: the install waits', async () => {
  const { installGate, quits } = gate(() => 'unanswered');
  assert.deepEqual(await installGate.requestInstall(), { outcome: 'waiting', message: UNANSWERED_FORMS_MESSAGE });
  assert.equal(quits(), 0);
});

test('a quit that was cancelled (the clerk stayed on a form) offers 立即安装 again', async () => {
  const { installGate, clock, phases } = gate(() => 'clean');
  await installGate.requestInstall();
  clock.fire(QUIT_CANCELLED_AFTER_MS);
  assert.equal(installGate.requested, false);
  assert.deepEqual(phases, ['installing', null]);
});
