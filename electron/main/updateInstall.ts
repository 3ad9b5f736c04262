// The install waits until no form holds unsaved input. 立即安装 closes the app to run the
// installer, which would throw away whatever a clerk is typing; so before it, the main process
// asks the page (its form guard, renderer/common/leaveGuard.ts, knows) whether any form is
// dirty. If one is, the install waits — asking again every few seconds — and happens as soon as
// the forms are saved or closed, or on the next quit (installOnQuit, where closing the window has
// already asked the clerk about unsaved input). Plain logic, tested in test/updates/updateInstall.test.ts.
import type { InstallAnswer, UpdatesEvent } from '../../shared/updates/bridge';
import { formsAnswer } from '../../shared/updates/settings';
import type { Log } from './ipcApi';
import type { UpdateTimers } from './updater';

/** A window that can be asked: its webContents id, and how to send it an event. */
export interface FormsWindow {
  id: number;
  send(event: UpdatesEvent): void;
}

export type FormsState = 'clean' | 'dirty' | 'unanswered';

/** How long a window has to answer "any unsaved input?" before it counts as unanswered. */
export const FORMS_ANSWER_TIMEOUT_MS = 3_000;
/** While waiting for the forms: how often the main process asks again. */
export const FORMS_POLL_MS = 5_000;
/** After "installing", if the app is still running (the quit was cancelled), 立即安装 works again. */
export const QUIT_CANCELLED_AFTER_MS = 60_000;

export const WAITING_FOR_FORMS_MESSAGE =
  '有未保存的内容，暂不安装：请先保存或关闭正在填写的表单，之后将自动安装新版本（也可在下次退出程序时安装）。';
export const UNANSWERED_FORMS_MESSAGE =
  '无法确认窗口中是否有未保存的内容，暂不安装：确认没有未保存的内容后将自动安装（也可在下次退出程序时安装）。';
export const NOTHING_TO_INSTALL_MESSAGE = '没有已下载并通过县级更新签名验证的新版本。';

export interface FormsQuestions {
  /** Asks each window; 'dirty' if any says so, 'unanswered' if any did not answer in time. */
  ask(windows: readonly FormsWindow[]): Promise<FormsState>;
  /** An answer from the page (`answerForms`); only the window asked may answer its question. */
  answer(senderId: number, input: unknown): boolean;
}

export function createFormsQuestions(options: { timers: UpdateTimers; timeoutMs?: number }): FormsQuestions {
  const timeoutMs = options.timeoutMs ?? FORMS_ANSWER_TIMEOUT_MS;
  let nextId = 1;
  const pending = new Map<number, { windowId: number; settle: (dirty: boolean | null) => void }>();

  function askOne(window: FormsWindow): Promise<boolean | null> {
    const id = nextId++;
    return new Promise<boolean | null>((resolve) => {
      const timer = options.timers.setTimeout(() => settle(null), timeoutMs);
      function settle(dirty: boolean | null) {
        if (!pending.delete(id)) return;
        options.timers.clearTimeout(timer);
        resolve(dirty);
      }
      pending.set(id, { windowId: window.id, settle });
      try {
        window.send({ kind: 'askForms', id });
      } catch {
        // The window is gone: it holds no form.
        settle(false);
      }
    });
  }

  return {
    async ask(windows) {
      const answers = await Promise.all(windows.map(askOne));
      if (answers.includes(true)) return 'dirty';
      if (answers.includes(null)) return 'unanswered';
      return 'clean';
    },
    answer(senderId, input) {
      const parsed = formsAnswer.safeParse(input);
      if (!parsed.success) return false;
      const question = pending.get(parsed.data.id);
      if (!question || question.windowId !== senderId) return false;
      question.settle(parsed.data.dirty);
      return true;
    },
  };
}

export interface InstallGateOptions {
  hasVerifiedUpdate(): boolean;
  /** Whether the app's windows hold unsaved input. */
  askForms(): Promise<FormsState>;
  /** Closes the app; the install runs once the database is closed (main.ts, will-quit). */
  quitToInstall(): void;
  setPhase(phase: 'waitingForForms' | 'installing' | null): void;
  log: Log;
  timers: UpdateTimers;
  pollMs?: number;
}

export interface InstallGate {
  /** 立即安装. */
  requestInstall(): Promise<InstallAnswer>;
  /** Whether the administrator asked for the install (so the quit that follows starts the new version). */
  readonly requested: boolean;
  /** Stops waiting (tests, or the update was superseded). */
  cancel(): void;
}

export function createInstallGate(options: InstallGateOptions): InstallGate {
  const pollMs = options.pollMs ?? FORMS_POLL_MS;
  let waiting = false;
  let requested = false;
  let timer: unknown = null;
  let attempt: Promise<InstallAnswer> | null = null;

  function clearTimer() {
    if (timer !== null) options.timers.clearTimeout(timer);
    timer = null;
  }

  function stopWaiting(phase: 'installing' | null) {
    clearTimer();
    waiting = false;
    options.setPhase(phase);
  }

  async function tryInstall(): Promise<InstallAnswer> {
    if (!options.hasVerifiedUpdate()) {
      stopWaiting(null);
      return { outcome: 'nothing', message: NOTHING_TO_INSTALL_MESSAGE };
    }
    const forms = await options.askForms();
    if (forms === 'clean') {
      stopWaiting('installing');
      requested = true;
      options.log('没有未保存的内容，关闭程序以安装新版本');
      options.quitToInstall();
      // Still running a minute later: the quit was cancelled (the window asked about input typed
      // meanwhile and the clerk stayed). 立即安装 is offered again.
      timer = options.timers.setTimeout(() => {
        timer = null;
        requested = false;
        options.setPhase(null);
      }, QUIT_CANCELLED_AFTER_MS);
      return { outcome: 'installing' };
    }
    const message = forms === 'dirty' ? WAITING_FOR_FORMS_MESSAGE : UNANSWERED_FORMS_MESSAGE;
    if (!waiting) {
      waiting = true;
      options.setPhase('waitingForForms');
      options.log(message);
    }
    clearTimer();
    timer = options.timers.setTimeout(() => {
      timer = null;
      void run();
    }, pollMs);
    return { outcome: 'waiting', message };
  }

  /** One attempt at a time: a click during a poll gets the poll's answer. */
  function run(): Promise<InstallAnswer> {
    attempt ??= tryInstall().finally(() => {
      attempt = null;
    });
    return attempt;
  }

  return {
    requestInstall: run,
    get requested() {
      return requested;
    },
    cancel() {
      stopWaiting(null);
    },
  };
}
