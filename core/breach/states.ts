/**
 * The "States" of HIPAA (45 CFR 160.103): the 50 states, the District of Columbia, Puerto Rico,
 * the U.S. Virgin Islands, Guam, American Samoa and the Northern Mariana Islands, by USPS code.
 * 164.406 counts residents per State or jurisdiction, so these are the keys of `usByState`.
 * Military (AA, AE, AP) and freely associated states (FM, MH, PW) are not among them.
 */
export const US_STATES = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  DC: 'District of Columbia',
  PR: 'Puerto Rico',
  VI: 'U.S. Virgin Islands',
  GU: 'Guam',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
} as const;

/** A two-letter US state or territory code, upper case. */
export type UsState = keyof typeof US_STATES;

/** Every code, alphabetical. */
export const US_STATE_CODES: readonly UsState[] = (Object.keys(US_STATES) as UsState[]).sort();

/** `ca`, ` CA ` → `CA`; anything that is not a code → null. */
export function usStateCode(text: string): UsState | null {
  const code = text.trim().toUpperCase();
  return Object.hasOwn(US_STATES, code) ? (code as UsState) : null;
}
