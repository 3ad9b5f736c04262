// The geometry of a photographed page: turned by quarter turns and a small deskew angle about its
// centre (the corners the turn uncovers filled white, like paper), then cut to a rectangle. The
// crop is kept as fractions of the turned picture, so the preview and the saved file — drawn at
// different sizes — cut the same part. Pure functions, no DOM.

/** The deskew slider's range either way, in degrees. */
export const MAX_DESKEW = 15;
/** The smallest crop, as a fraction of either side. */
export const MIN_CROP = 0.02;

export interface Turn {
  /** Quarter turns clockwise, 0–3. */
  quarters: number;
  /** Degrees clockwise, −15…15. */
  deskew: number;
}

/** Fractions 0–1 of the turned picture's width (left, right) and height (top, bottom). */
export interface Crop {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const WHOLE: Crop = { left: 0, top: 0, right: 1, bottom: 1 };

export type Edge = keyof Crop;

export function angleOf(turn: Turn): number {
  return (((turn.quarters % 4) + 4) % 4) * 90 + turn.deskew;
}

/** The size of the picture `width`×`height` once turned: the box around it. */
export function turnedSize(width: number, height: number, turn: Turn): { width: number; height: number } {
  const radians = (angleOf(turn) * Math.PI) / 180;
  // Rounded before use: a quarter turn's cosine is 6e-17, not 0.
  const cos = Math.abs(Math.round(Math.cos(radians) * 1e9) / 1e9);
  const sin = Math.abs(Math.round(Math.sin(radians) * 1e9) / 1e9);
  return { width: Math.round(width * cos + height * sin), height: Math.round(width * sin + height * cos) };
}

/** The crop in pixels of a turned picture `width`×`height`: whole pixels, at least 1×1. */
export function cropPixels(crop: Crop, width: number, height: number) {
  const x = Math.round(crop.left * width);
  const y = Math.round(crop.top * height);
  return {
    x,
    y,
    width: Math.max(1, Math.round(crop.right * width) - x),
    height: Math.max(1, Math.round(crop.bottom * height) - y),
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** `edge` moved to `to` (a fraction), kept inside the picture and at least MIN_CROP from its opposite edge. */
export function moveEdge(crop: Crop, edge: Edge, to: number): Crop {
  switch (edge) {
    case 'left':
      return { ...crop, left: clamp(to, 0, crop.right - MIN_CROP) };
    case 'right':
      return { ...crop, right: clamp(to, crop.left + MIN_CROP, 1) };
    case 'top':
      return { ...crop, top: clamp(to, 0, crop.bottom - MIN_CROP) };
    case 'bottom':
      return { ...crop, bottom: clamp(to, crop.top + MIN_CROP, 1) };
  }
}

/** The whole crop moved by `dx`, `dy` (fractions), its size kept, inside the picture. */
export function moveCrop(crop: Crop, dx: number, dy: number): Crop {
  const x = clamp(dx, -crop.left, 1 - crop.right);
  const y = clamp(dy, -crop.top, 1 - crop.bottom);
  return { left: crop.left + x, right: crop.right + x, top: crop.top + y, bottom: crop.bottom + y };
}

/** The rectangle dragged from one point to another (fractions), inside the picture; null when too small to mean a crop. */
export function cropBetween(from: { x: number; y: number }, to: { x: number; y: number }): Crop | null {
  const left = clamp(Math.min(from.x, to.x), 0, 1);
  const right = clamp(Math.max(from.x, to.x), 0, 1);
  const top = clamp(Math.min(from.y, to.y), 0, 1);
  const bottom = clamp(Math.max(from.y, to.y), 0, 1);
  if (right - left < MIN_CROP || bottom - top < MIN_CROP) return null;
  return { left, top, right, bottom };
}

/** Whether the crop is the whole picture (nothing to cut). */
export function isWhole(crop: Crop): boolean {
  return crop.left <= 0 && crop.top <= 0 && crop.right >= 1 && crop.bottom >= 1;
}
