// The banner, the instructions tab and the sync screen each read the instructions; when one of
// them changes something (签收, 反馈, a finished sync bringing new ones), the others read again.

type Listener = () => void;
const listeners = new Set<Listener>();

export function onInstructionsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function instructionsChanged(): void {
  for (const listener of [...listeners]) listener();
}
