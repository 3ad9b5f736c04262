// The USB file: a plain sequence of envelopes, `MAGIC "TDF1" | u32 BE count | (u32 BE length |
// envelope)*`. The container adds no protection of its own: each envelope is signed and sealed
// on its own, so a file can be cut, reordered or partly lost without anything being trusted
// that should not be; the framing only has to be unambiguous.
import { concatBytes, readU32be, u32be, utf8 } from './bytes';
import { EnvelopeError, MAX_ENVELOPE_BYTES } from './envelope';

const MAGIC = utf8('TDF1');
const MAX_ONE = Math.max(...Object.values(MAX_ENVELOPE_BYTES));

/** Frames envelopes, in order, into one file. */
export function packContainer(envelopes: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [MAGIC, u32be(envelopes.length)];
  for (const envelope of envelopes) parts.push(u32be(envelope.length), envelope);
  return concatBytes(...parts);
}

/**
 * The envelopes of a file, in order (as views into `bytes`), unverified.
 * @throws EnvelopeError('malformed') on a wrong magic, a truncated file or trailing bytes.
 */
export function unpackContainer(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length < MAGIC.length + 4) throw new EnvelopeError('malformed', '不是乡镇一站通的同步文件或文件不完整');
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new EnvelopeError('malformed', '不是乡镇一站通的同步文件');
  }
  const count = readU32be(bytes, 4);
  // Each entry needs at least its 4-byte length, so a count beyond that is a lie told before any
  // allocation is made on its account.
  if (count > (bytes.length - 8) / 4) throw new EnvelopeError('malformed', '同步文件不完整：数据包数量与文件长度不符');
  const envelopes: Uint8Array[] = [];
  let offset = 8;
  for (let i = 0; i < count; i++) {
    if (offset + 4 > bytes.length) throw new EnvelopeError('malformed', `同步文件不完整：第 ${i + 1} 个数据包缺失`);
    const length = readU32be(bytes, offset);
    offset += 4;
    if (length > MAX_ONE) throw new EnvelopeError('malformed', `同步文件中第 ${i + 1} 个数据包过大`);
    if (offset + length > bytes.length) {
      throw new EnvelopeError('malformed', `同步文件不完整：第 ${i + 1} 个数据包被截断`);
    }
    envelopes.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== bytes.length) throw new EnvelopeError('malformed', '同步文件末尾有多余的数据');
  return envelopes;
}
