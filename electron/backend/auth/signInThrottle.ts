// A per-address brake on sign-in: after `failures` failed sign-ins from one client address within
// `minutes`, further sign-ins from it are refused without looking at the account or the password
// for `minutes`. The account lockout (passwordAttempts.ts) stops guesses at one account; this
// stops one machine from trying a few guesses at each of many accounts (password spraying) and
// from filling the audit log with them.
//
// Kept in memory, per backend, on purpose: it guards against a burst from a live client, which a
// restart of the host interrupts anyway; it needs no write for a guess at an unknown user name
// (a database row per junk attempt would be a way to fill the disk); and each hall has one host
// process, so there is nothing to share. What must outlive a restart — the lock of an account —
// is in the database.

/** Addresses remembered at most: beyond this the quiet ones are forgotten first. */
const MAX_ADDRESSES = 10_000;

interface AddressFailures {
  /** Times (ms) of the latest failures, oldest first; at most `failures` of them are kept. */
  times: number[];
  /** Refused until this time (ms); 0 when not refused. */
  refusedUntil: number;
}

export interface ThrottleLimits {
  failures: number;
  minutes: number;
}

export class SignInThrottle {
  private readonly addresses = new Map<string, AddressFailures>();

  /** Until when (ms) sign-ins from `address` are refused, or null when they are not. */
  refusedUntil(address: string, now: number): number | null {
    const entry = this.addresses.get(address);
    return entry && entry.refusedUntil > now ? entry.refusedUntil : null;
  }

  /**
   * Counts one failed sign-in from `address`.
   * @returns the time (ms) until which the address is now refused, when this failure started it.
   */
  recordFailure(address: string, now: number, limits: ThrottleLimits): number | null {
    const windowMs = limits.minutes * 60_000;
    let entry = this.addresses.get(address);
    if (entry) {
      // Re-inserted, so that the map's order is the order of the latest failure.
      this.addresses.delete(address);
    } else {
      entry = { times: [], refusedUntil: 0 };
      this.forgetQuietAddresses(now, windowMs);
    }
    this.addresses.set(address, entry);
    entry.times = [...entry.times.filter((t) => t > now - windowMs), now].slice(-limits.failures);
    if (entry.refusedUntil > now || entry.times.length < limits.failures) return null;
    entry.refusedUntil = now + windowMs;
    entry.times = [];
    return entry.refusedUntil;
  }

  private forgetQuietAddresses(now: number, windowMs: number): void {
    if (this.addresses.size < MAX_ADDRESSES) return;
    for (const [address, entry] of this.addresses) {
      const last = entry.times[entry.times.length - 1] ?? 0;
      if (entry.refusedUntil <= now && last <= now - windowMs) this.addresses.delete(address);
    }
    // Still full (a flood from many addresses): the least recently failing go first.
    for (const address of this.addresses.keys()) {
      if (this.addresses.size < MAX_ADDRESSES) break;
      this.addresses.delete(address);
    }
  }
}
