// The calling screen's voice: each new call and each recall is said once in Chinese through the
// browser's speech synthesis. The calls already on the board when the page opens are not said
// (a reload must not repeat the morning); browsers speak only after a user's gesture, so the
// sound is switched on once with a button, and remembered.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardCall } from '../../shared/queue/api';

const SOUND_KEY = 'township-desk.screen.sound';
/** Ids remembered as said; the board shows only the latest few. */
const REMEMBERED_CALLS = 200;

export function callWords(call: Pick<BoardCall, 'ticketNumber' | 'windowName'>): string {
  return `请 ${call.ticketNumber} 号 到 ${call.windowName} 办理`;
}

export interface CallAnnouncer {
  /** The browser has speech synthesis at all. */
  supported: boolean;
  /** Switched on (and not refused by the browser since). */
  soundOn: boolean;
  /** False when the browser lists its voices and none is Chinese; null while unknown. */
  chineseVoice: boolean | null;
  /** For the button: a user's gesture, which lets the browser speak from now on. */
  switchOn: () => void;
  switchOff: () => void;
}

export function useCallAnnouncer(calls: readonly BoardCall[] | undefined): CallAnnouncer {
  const synthesis = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  const [soundOn, setSoundOn] = useState(() => synthesis !== null && readSoundSetting());
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  const [chineseVoice, setChineseVoice] = useState<boolean | null>(null);
  const said = useRef<string[] | null>(null);

  useEffect(() => {
    if (!synthesis) return;
    const pick = () => {
      const voices = synthesis.getVoices();
      if (voices.length === 0) return;
      const chinese = voices.find((v) => /^zh[-_]CN/i.test(v.lang)) ?? voices.find((v) => /^zh/i.test(v.lang)) ?? null;
      setVoice(chinese);
      setChineseVoice(chinese !== null);
    };
    pick();
    // Some browsers list their voices only later; none listed at all counts as none installed.
    const none = setTimeout(() => setChineseVoice((known) => known ?? false), 3000);
    synthesis.addEventListener('voiceschanged', pick);
    return () => {
      clearTimeout(none);
      synthesis.removeEventListener('voiceschanged', pick);
    };
  }, [synthesis]);

  const speak = useCallback(
    (text: string) => {
      if (!synthesis) return;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = 'zh-CN';
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onerror = (event) => {
        // Not allowed without a gesture (a reload): the button comes back.
        if (event.error === 'not-allowed') setSoundOn(false);
      };
      synthesis.speak(utterance);
    },
    [synthesis, voice],
  );

  useEffect(() => {
    if (!calls) return;
    if (said.current === null) {
      said.current = calls.map((c) => c.id);
      return;
    }
    const known = new Set(said.current);
    // The board lists the newest first; they are said in the order they were made.
    const fresh = calls.filter((c) => !known.has(c.id)).reverse();
    if (fresh.length === 0) return;
    said.current = [...said.current, ...fresh.map((c) => c.id)].slice(-REMEMBERED_CALLS);
    if (soundOn) for (const call of fresh) speak(callWords(call));
  }, [calls, soundOn, speak]);

  const switchOn = useCallback(() => {
    setSoundOn(true);
    writeSoundSetting(true);
    speak('语音播报已开启');
  }, [speak]);

  const switchOff = useCallback(() => {
    setSoundOn(false);
    writeSoundSetting(false);
    synthesis?.cancel();
  }, [synthesis]);

  return { supported: synthesis !== null, soundOn, chineseVoice, switchOn, switchOff };
}

function readSoundSetting(): boolean {
  try {
    return window.localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

function writeSoundSetting(on: boolean): void {
  try {
    window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // A locked-down profile: the button is asked for again after a reload.
  }
}
