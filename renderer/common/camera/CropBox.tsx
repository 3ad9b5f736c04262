// The crop on the photographed page: drag on the picture for a new rectangle, drag an edge, or
// move an edge or the whole rectangle with the arrow keys (1 %, with Shift 5 %). What is cut away
// is dimmed. Fractions of the picture throughout (frameGeometry.ts), whatever size it is shown at.
import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { cropBetween, moveCrop, moveEdge, type Crop, type Edge } from './frameGeometry';

const EDGE_LABELS: Record<Edge, string> = { left: '裁剪左边', right: '裁剪右边', top: '裁剪上边', bottom: '裁剪下边' };
/** The arrow keys that move each edge, less then more. */
const EDGE_KEYS: Record<Edge, [string, string]> = {
  left: ['ArrowLeft', 'ArrowRight'],
  right: ['ArrowLeft', 'ArrowRight'],
  top: ['ArrowUp', 'ArrowDown'],
  bottom: ['ArrowUp', 'ArrowDown'],
};
const HANDLE = 14;

// The picture starts uncut, so a drag inside the rectangle draws a new one rather than moving it.
type Drag = { kind: 'edge'; edge: Edge } | { kind: 'draw'; from: { x: number; y: number } };

interface Props {
  crop: Crop;
  onChange: (crop: Crop) => void;
  /** The picture (a canvas), drawn at its shown size; the crop lies over it. */
  children: ReactNode;
}

function step(event: KeyboardEvent): number {
  return event.shiftKey ? 0.05 : 0.01;
}

function handleStyle(edge: Edge, crop: Crop): React.CSSProperties {
  const across = { position: 'absolute' as const, background: '#1677ff', borderRadius: 3, opacity: 0.9 };
  const middleX = `${((crop.left + crop.right) / 2) * 100}%`;
  const middleY = `${((crop.top + crop.bottom) / 2) * 100}%`;
  switch (edge) {
    case 'left':
    case 'right':
      return {
        ...across,
        left: `calc(${crop[edge] * 100}% - ${HANDLE / 2}px)`,
        top: `calc(${middleY} - 24px)`,
        width: HANDLE,
        height: 48,
        cursor: 'ew-resize',
      };
    case 'top':
    case 'bottom':
      return {
        ...across,
        top: `calc(${crop[edge] * 100}% - ${HANDLE / 2}px)`,
        left: `calc(${middleX} - 24px)`,
        height: HANDLE,
        width: 48,
        cursor: 'ns-resize',
      };
  }
}

export function CropBox({ crop, onChange, children }: Props) {
  const area = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);

  function pointAt(event: PointerEvent): { x: number; y: number } {
    const box = area.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
      y: Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)),
    };
  }

  function down(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    const target = event.target as HTMLElement;
    const edge = target.dataset.edge as Edge | undefined;
    const at = pointAt(event);
    drag.current = edge ? { kind: 'edge', edge } : { kind: 'draw', from: at };
    area.current!.setPointerCapture(event.pointerId);
    event.preventDefault();
  }

  function move(event: PointerEvent<HTMLDivElement>) {
    const current = drag.current;
    if (!current) return;
    const at = pointAt(event);
    if (current.kind === 'edge') {
      onChange(moveEdge(crop, current.edge, current.edge === 'left' || current.edge === 'right' ? at.x : at.y));
    } else {
      const drawn = cropBetween(current.from, at);
      if (drawn) onChange(drawn);
    }
  }

  function up(event: PointerEvent<HTMLDivElement>) {
    drag.current = null;
    if (area.current?.hasPointerCapture(event.pointerId)) area.current.releasePointerCapture(event.pointerId);
  }

  function edgeKey(edge: Edge, event: KeyboardEvent) {
    const [less, more] = EDGE_KEYS[edge];
    const by = event.key === less ? -step(event) : event.key === more ? step(event) : 0;
    if (by === 0) return;
    event.preventDefault();
    event.stopPropagation();
    onChange(moveEdge(crop, edge, crop[edge] + by));
  }

  function boxKey(event: KeyboardEvent) {
    const by = step(event);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-by, 0],
      ArrowRight: [by, 0],
      ArrowUp: [0, -by],
      ArrowDown: [0, by],
    };
    const delta = moves[event.key];
    if (!delta) return;
    event.preventDefault();
    event.stopPropagation();
    onChange(moveCrop(crop, delta[0], delta[1]));
  }

  return (
    <div
      ref={area}
      aria-label="照片（在照片上拖动框选要保留的部分）"
      style={{
        position: 'relative',
        display: 'inline-block',
        lineHeight: 0,
        overflow: 'hidden',
        touchAction: 'none',
        cursor: 'crosshair',
      }}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
    >
      {children}
      <div
        role="group"
        tabIndex={0}
        aria-label="裁剪框（方向键移动）"
        onKeyDown={boxKey}
        style={{
          position: 'absolute',
          left: `${crop.left * 100}%`,
          top: `${crop.top * 100}%`,
          width: `${(crop.right - crop.left) * 100}%`,
          height: `${(crop.bottom - crop.top) * 100}%`,
          boxShadow: '0 0 0 9999px rgba(0, 0, 0, 0.45)',
          outline: '2px solid #1677ff',
        }}
      />
      {(Object.keys(EDGE_LABELS) as Edge[]).map((edge) => (
        <div
          key={edge}
          data-edge={edge}
          role="slider"
          tabIndex={0}
          aria-label={EDGE_LABELS[edge]}
          aria-orientation={edge === 'left' || edge === 'right' ? 'horizontal' : 'vertical'}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(crop[edge] * 100)}
          aria-valuetext={`${Math.round(crop[edge] * 100)}%`}
          onKeyDown={(event) => edgeKey(edge, event)}
          style={handleStyle(edge, crop)}
        />
      ))}
    </div>
  );
}
