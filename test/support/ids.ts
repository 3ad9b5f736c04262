import { checkCharacter } from '../../shared/residents/idNumber';

/** A valid resident ID number: region, birth date `YYYYMMDD`, 3-digit sequence (odd = male). */
export function residentId(birth: string, sequence: number, region = '410223'): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
