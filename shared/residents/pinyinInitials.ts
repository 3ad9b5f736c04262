import { pinyin } from 'pinyin-pro';

/** Readings pinyin-pro lacks for rare characters seen in residents' names. */
const RARE_CHARACTER_INITIALS: Record<string, string> = { '𠮷': 'j', 䶮: 'y' };

const MAX_VARIANTS = 16;

/**
 * Every plausible string of pinyin initials for a name, surname reading first:
 * 张三丰 → [zsf]; 曾小贤 → [zxx, cxx]; 单田芳 → [stf, dtf, ctf]. A clerk types any of them.
 * Characters without a reading (punctuation such as ·) are skipped.
 */
export function pinyinInitialsVariants(name: string): string[] {
  const chars = [...name];
  if (chars.length === 0) return [];
  const asSurname = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  const perChar = chars.map((ch, index) => {
    const options = new Set<string>();
    const surnameReading = asSurname[index];
    if (index === 0 && surnameReading) addInitial(options, ch, surnameReading);
    for (const reading of pinyin(ch, { pattern: 'first', toneType: 'none', type: 'array', multiple: true })) {
      addInitial(options, ch, reading);
    }
    return [...options];
  });
  let variants = [''];
  for (const options of perChar) {
    if (options.length === 0) continue;
    const next: string[] = [];
    for (const prefix of variants) for (const option of options) next.push(prefix + option);
    variants = next.slice(0, MAX_VARIANTS);
  }
  return [...new Set(variants)].filter((v) => v.length > 0);
}

function addInitial(options: Set<string>, ch: string, reading: string): void {
  const lower = reading.toLowerCase();
  if (/^[a-z]$/.test(lower)) options.add(lower);
  else if (/^[a-z]/i.test(ch)) options.add(ch.toLowerCase());
  else if (RARE_CHARACTER_INITIALS[ch]) options.add(RARE_CHARACTER_INITIALS[ch]);
}
