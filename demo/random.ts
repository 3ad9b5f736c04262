// Seeded randomness for generated data: the same seed always gives the same township.

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for demo data and fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

/** Picks by weight in O(log n). */
export class Weighted<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;
  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      this.total += weight;
      this.items.push(item);
      this.cumulative.push(this.total);
    }
  }
  pick(rng: Rng): T {
    const target = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * UUIDv7-shaped ids from the seeded generator: the timestamp of `now`, then a 24-bit counter
 * (RFC 9562 §6.2 method 1, so the ids sort in creation order and B-tree inserts append), then
 * seeded random bits.
 */
export class DemoIds {
  private counter = 0;
  constructor(
    private readonly millis: number,
    private readonly rng: Rng,
  ) {}
  next(): string {
    const c = this.counter++;
    if (c > 0xffffff) throw new Error('演示数据编号用尽');
    const bytes = new Uint8Array(16);
    let ms = this.millis;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    bytes[6] = 0x70 | ((c >>> 20) & 0x0f);
    bytes[7] = (c >>> 12) & 0xff;
    bytes[8] = 0x80 | ((c >>> 6) & 0x3f);
    bytes[9] = ((c & 0x3f) << 2) | this.rng.int(0, 3);
    for (let i = 10; i < 16; i++) bytes[i] = this.rng.int(0, 255);
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
