import { type PhiType } from './types.js';

/** The readable label each PHI type is masked with: `[NAME]`, `[HEALTH CARD …890]`, `[SIN]`… */
export const MASK_LABELS: Readonly<Record<PhiType, string>> = {
  person_name: 'NAME',
  ontario_health_card: 'HEALTH CARD',
  sin: 'SIN',
  us_ssn: 'SSN',
  mrn: 'MRN',
  date_of_birth: 'DOB',
  phone: 'PHONE',
  email: 'EMAIL',
  postal_address: 'ADDRESS',
};

/** Matches any mask token this module writes, e.g. `[NAME 2]` or `[HEALTH CARD …890]`. */
export const MASK_TOKEN =
  /\[(?:NAME|HEALTH CARD|SIN|SSN|MRN|DOB|PHONE|EMAIL|ADDRESS)(?: \d{1,4})?(?: …\d{3})?\]/g;

/** The [start, end) ranges of mask tokens in `text` (empty when there is no '['). */
export function maskTokenRanges(text: string): Array<[number, number]> {
  if (!text.includes('[')) return [];
  const ranges: Array<[number, number]> = [];
  MASK_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MASK_TOKEN.exec(text)) !== null) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}
