// Reads the `@font-face` rules of a split web font (one WOFF2 part per range of characters)
// into an index: code point → the parts whose `unicode-range` claims it. Both split packages in
// use (cn-font-split output and font-splitter output) write plain CSS of this shape.

export interface FontPartRule {
  /** The `url(…)` of the WOFF2 source, as written (relative to the CSS file). */
  url: string;
  /** Inclusive code point ranges. */
  ranges: Array<readonly [number, number]>;
}

const FONT_FACE = /@font-face\s*\{([^}]*)\}/g;
const WOFF2_URL = /url\(\s*(["']?)([^"')]+?\.woff2)\1\s*\)/i;
const UNICODE_RANGE = /unicode-range\s*:\s*([^;}]+)/i;
const RANGE_TOKEN = /^u\+([0-9a-f?]{1,6})(?:-([0-9a-f]{1,6}))?$/i;

/** The parts a CSS file lists, in its order. Rules without a WOFF2 source or a range are skipped. */
export function parseFontFaceCss(css: string): FontPartRule[] {
  const rules: FontPartRule[] = [];
  for (const match of css.matchAll(FONT_FACE)) {
    const body = match[1] ?? '';
    const url = WOFF2_URL.exec(body)?.[2];
    const rangeList = UNICODE_RANGE.exec(body)?.[1];
    if (!url || !rangeList) continue;
    const ranges = rangeList
      .split(',')
      .map((token) => parseRangeToken(token.trim()))
      .filter((range): range is readonly [number, number] => range !== null);
    if (ranges.length > 0) rules.push({ url, ranges });
  }
  return rules;
}

/** `U+4E00`, `U+4E00-9FFF` or the wildcard form `U+4E??`; null for anything else. */
export function parseRangeToken(token: string): readonly [number, number] | null {
  const match = RANGE_TOKEN.exec(token);
  if (!match) return null;
  const [, first = '', last] = match;
  if (first.includes('?')) {
    if (last !== undefined) return null;
    return [parseInt(first.replaceAll('?', '0'), 16), parseInt(first.replaceAll('?', 'f'), 16)];
  }
  const start = parseInt(first, 16);
  const end = last === undefined ? start : parseInt(last, 16);
  return end >= start ? [start, end] : null;
}

/** Code point → indexes of the parts (in CSS order) whose ranges contain it. */
export class RangeIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly parts: number[] = [];
  /** Largest range end among intervals 0…i, to stop the backward scan early. */
  private readonly maxEndUpTo: number[] = [];

  constructor(rules: readonly Pick<FontPartRule, 'ranges'>[]) {
    const intervals: Array<[number, number, number]> = [];
    rules.forEach((rule, part) => {
      for (const [start, end] of rule.ranges) intervals.push([start, end, part]);
    });
    intervals.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
    let maxEnd = -1;
    for (const [start, end, part] of intervals) {
      maxEnd = Math.max(maxEnd, end);
      this.starts.push(start);
      this.ends.push(end);
      this.parts.push(part);
      this.maxEndUpTo.push(maxEnd);
    }
  }

  candidates(codePoint: number): number[] {
    // Last interval starting at or before the code point.
    let lo = 0;
    let hi = this.starts.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= codePoint) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const found = new Set<number>();
    for (let i = last; i >= 0 && this.maxEndUpTo[i]! >= codePoint; i--) {
      if (this.ends[i]! >= codePoint) found.add(this.parts[i]!);
    }
    return [...found].sort((a, b) => a - b);
  }
}
