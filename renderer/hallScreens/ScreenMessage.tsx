import type { ReactNode } from 'react';

/** One sentence across the whole screen (connecting, unreachable), readable from the hall. */
export function ScreenMessage({ title, detail, children }: { title: string; detail?: string; children?: ReactNode }) {
  return (
    <main className="hall-screen hall-screen-centred" aria-live="polite">
      <h1 className="hall-screen-title">{title}</h1>
      {detail && <p className="hall-screen-detail">{detail}</p>}
      {children}
    </main>
  );
}
