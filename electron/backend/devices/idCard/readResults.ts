// What the hardware drivers answer besides a card: a failure in the clerk's words (with a detail
// for the administrator where one helps), and the photo they cannot decode.
import {
  ID_CARD_FAILURE_MESSAGES,
  type IdCardFailure,
  type IdCardPhoto,
  type IdCardRead,
} from '../../../../shared/devices/idCard';

/** The photo is WLT-compressed and encrypted; only the vendor's decoder library opens it. */
export const WLT_PHOTO_SKIPPED: IdCardPhoto = {
  kind: 'skipped',
  note: '照片为加密格式（WLT），本机没有厂商解码库，未解码',
};

/** `failure`'s sentence, and `（detail）` after it: the path that does not exist, the library's error. */
export function failedRead(failure: IdCardFailure, detail?: string): IdCardRead {
  const message = ID_CARD_FAILURE_MESSAGES[failure];
  return { ok: false, failure, message: detail ? `${message}（${detail}）` : message };
}
