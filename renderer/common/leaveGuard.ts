// Nothing typed is thrown away without a word: every way out of a form with unsaved input — a
// menu link, the back button, 退出, Esc or 取消 in a dialog, closing the window or the tab —
// asks first. Forms register how to tell whether they hold unsaved input; the ways out ask here.
import type { FormInstance, ModalFuncProps } from 'antd';
import { Modal } from 'antd';
import { useEffect, useRef } from 'react';

type DirtyCheck = () => boolean;

interface Entry {
  check: DirtyCheck;
  /** The user chose to leave it: the page change that follows must not ask again. */
  released: boolean;
}

/** The forms on screen, each with its own check (read when someone is about to leave). */
const forms = new Set<Entry>();

/** Whether any form on screen holds input not yet saved. */
export function hasUnsavedInput(): boolean {
  for (const form of forms) if (!form.released && form.check()) return true;
  return false;
}

/**
 * Registers a form while it is mounted. `isDirty` is read only when someone is about to leave,
 * so it may look at the latest state (a ref, `form.isFieldsTouched()`) without re-rendering.
 */
export function useUnsavedInput(isDirty: DirtyCheck): void {
  const check = useRef(isDirty);
  check.current = isDirty;
  useEffect(() => {
    const entry: Entry = { check: () => check.current(), released: false };
    forms.add(entry);
    return () => {
      forms.delete(entry);
    };
  }, []);
}

/** `JSON` of a form's values (dates as ISO strings), to tell whether it changed since saved. */
function snapshot(form: FormInstance): string {
  return JSON.stringify(form.getFieldsValue(true));
}

export interface FormLeaveGuard {
  /** Whether the form holds input not yet saved (for its own 取消 or Esc). */
  isDirty: () => boolean;
  /** The form's values were just saved: leaving asks again only once they change. */
  saved: () => void;
}

/**
 * An antd form holds unsaved input once the user changed a field (a value the program set, such
 * as a default arriving late, does not count) and, after a save, once it differs from what was
 * saved. `active` false: the form is not on screen (a closed dialog).
 */
export function useFormLeaveGuard(form: FormInstance, active = true): FormLeaveGuard {
  const savedAs = useRef<string | null>(null);
  const on = useRef(active);
  on.current = active;
  const guard = useRef<FormLeaveGuard>({
    isDirty: () => {
      if (!on.current || !form.isFieldsTouched()) return false;
      return savedAs.current === null || savedAs.current !== snapshot(form);
    },
    saved: () => {
      savedAs.current = snapshot(form);
    },
  });
  useUnsavedInput(guard.current.isDirty);
  return guard.current;
}

/** How the question names the way out. */
export type LeaveKind = 'leave' | 'close' | 'signOut';

const WORDS: Record<LeaveKind, { title: string; ok: string }> = {
  leave: { title: '有未保存的内容，确定离开吗？', ok: '离开' },
  close: { title: '有未保存的内容，确定关闭吗？', ok: '关闭' },
  signOut: { title: '有未保存的内容，确定退出吗？', ok: '退出' },
};

type ConfirmDialog = (config: ModalFuncProps) => unknown;

/** antd's static confirm until the shell hands over its own (which follows the app's theme). */
let confirmDialog: ConfirmDialog = (config) => Modal.confirm(config);

/** The signed-in shell passes `App.useApp().modal.confirm`; returns the undo for unmounting. */
export function setConfirmDialog(confirm: ConfirmDialog): () => void {
  confirmDialog = confirm;
  return () => {
    if (confirmDialog === confirm) confirmDialog = (config) => Modal.confirm(config);
  };
}

let saving = 0;

/**
 * Runs a save; the page change it makes once saved (to the new record's page) does not ask. The
 * Navigation API reports that change while the save is still running, before it can say “saved”.
 */
export async function whileSaving<T>(save: () => Promise<T>): Promise<T> {
  saving++;
  try {
    return await save();
  } finally {
    saving--;
  }
}

/** A save is running (see `whileSaving`). */
export function isSaving(): boolean {
  return saving > 0;
}

let asking: Promise<boolean> | null = null;

/**
 * Resolves true when the user may go: at once when nothing is unsaved (or `dirty` is false),
 * else after 确定 in the question (whose default button keeps the input: an Enter pressed out
 * of habit never throws it away). One question at a time: a second way out waits for it.
 */
export function confirmLeave(kind: LeaveKind = 'leave', dirty: boolean = hasUnsavedInput()): Promise<boolean> {
  if (!dirty) return Promise.resolve(true);
  if (asking) return asking;
  const words = WORDS[kind];
  asking = new Promise<boolean>((resolve) => {
    confirmDialog({
      title: words.title,
      content: '刚才填写的内容还没有保存，离开后将不会保留。',
      okText: words.ok,
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      focusable: { autoFocusButton: 'cancel' },
      onOk: () => {
        // What follows (the new page, the sign-out) takes a moment to unmount these forms.
        if (kind !== 'close') for (const form of forms) form.released = true;
        resolve(true);
      },
      onCancel: () => resolve(false),
    });
  }).finally(() => {
    asking = null;
  });
  return asking;
}

// Closing the tab or the window, or reloading: the browser asks with its own words (a page may
// not choose them); the desktop window asks in Chinese (`will-prevent-unload` in electron/main).
if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (event) => {
    if (!hasUnsavedInput()) return;
    event.preventDefault();
    // Older Chromium (and Electron) look at returnValue; an empty string would mean “do not ask”.
    event.returnValue = true;
  });
}
