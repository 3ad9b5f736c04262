// The reader of tests and demos: answers like a driver (a card's text or one failure) without a
// device, so the forms, the hall LAN assignment and the browser tests run on any machine.
import {
  ID_CARD_FAILURE_MESSAGES,
  type IdCardFailure,
  type IdCardRead,
  type IdCardText,
} from '../../../../shared/devices/idCard';
import type { IdCardReader } from './reader';

/**
 * A resident of the demo township 青石镇 (county 410223) as her card prints her; the number's
 * check character is right (GB 11643). The demo data does not register her, so the first read
 * fills an empty form and a second read after saving finds her.
 */
export const DEMO_ID_CARD: IdCardText = {
  name: '王秀兰',
  sex: '女',
  ethnicity: '汉族',
  birthDate: '1968-03-15',
  address: '河南省尉氏县青石镇东岗村第三组12号',
  idNumber: '410223196803150248',
  issuingAuthority: '尉氏县公安局',
  validFrom: '2012-06-18',
  validTo: '2032-06-18',
};

/** No photo decoder in a simulation: said the way a real driver without the vendor's decoder says it. */
export const SIMULATED_PHOTO_NOTE = '模拟读卡器不提供照片';

export interface SimulatedIdCardReaderOptions {
  /** The card lying on the reader; `null` = none. Omitted = DEMO_ID_CARD. */
  card?: IdCardText | null;
  /** A failure every read answers until cleared, whatever card lies there. */
  failure?: IdCardFailure | null;
}

export class SimulatedIdCardReader implements IdCardReader {
  readonly description = '模拟读卡器';
  private card: IdCardText | null;
  private failure: IdCardFailure | null;

  constructor(options: SimulatedIdCardReaderOptions = {}) {
    this.card = options.card === undefined ? DEMO_ID_CARD : options.card;
    this.failure = options.failure ?? null;
  }

  /** Lays a card on the reader (`null` takes it away). */
  place(card: IdCardText | null): void {
    this.card = card;
  }

  /** Makes every read fail with `failure` until called with `null`. */
  failWith(failure: IdCardFailure | null): void {
    this.failure = failure;
  }

  read(options: { signal?: AbortSignal } = {}): Promise<IdCardRead> {
    if (this.failure) return Promise.resolve(failed(this.failure));
    if (options.signal?.aborted) return Promise.resolve(failed('timeout'));
    if (!this.card) return Promise.resolve(failed('noCard'));
    return Promise.resolve({
      ok: true,
      card: { ...this.card },
      photo: { kind: 'skipped', note: SIMULATED_PHOTO_NOTE },
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function failed(failure: IdCardFailure): IdCardRead {
  return { ok: false, failure, message: ID_CARD_FAILURE_MESSAGES[failure] };
}
