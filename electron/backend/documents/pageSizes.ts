/** PDF points per millimetre (1 pt = 1/72 inch). */
export const POINTS_PER_MM = 72 / 25.4;

export function mm(millimetres: number): number {
  return millimetres * POINTS_PER_MM;
}

export interface PageGeometry {
  /** Page width and height in points; `height: 'fitContent'` for thermal rolls, cut after the last line. */
  width: number;
  height: number | 'fitContent';
  margins: { top: number; right: number; bottom: number; left: number };
}

export const PAGE_SIZES = ['a4Formal', 'a4', 'a5', 'receipt80', 'receipt58'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/**
 * GB/T 9704-2012 §5.2: A4, top margin 37 mm, left 28 mm, text block 156 × 225 mm — so the
 * right margin is 210 − 28 − 156 = 26 mm and the bottom 297 − 37 − 225 = 35 mm.
 */
const A4_FORMAL: PageGeometry = {
  width: mm(210),
  height: mm(297),
  margins: { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) },
};

export const PAGE_GEOMETRY: Record<PageSize, PageGeometry> = {
  a4Formal: A4_FORMAL,
  // Forms and lists: the same width of text, a little more of the page used.
  a4: { width: mm(210), height: mm(297), margins: { top: mm(20), left: mm(20), right: mm(20), bottom: mm(20) } },
  a5: { width: mm(148), height: mm(210), margins: { top: mm(15), left: mm(15), right: mm(15), bottom: mm(15) } },
  // Thermal printers print 72 mm of an 80 mm roll and 48 mm of a 58 mm roll.
  receipt80: { width: mm(80), height: 'fitContent', margins: { top: mm(4), left: mm(4), right: mm(4), bottom: mm(8) } },
  receipt58: { width: mm(58), height: 'fitContent', margins: { top: mm(3), left: mm(5), right: mm(5), bottom: mm(8) } },
};

export function textWidth(geometry: PageGeometry): number {
  return geometry.width - geometry.margins.left - geometry.margins.right;
}
