/**
 * Time zone names people write that are not what they mean. An abbreviation names different
 * zones in different places (Node reads `CST` as America/Chicago, while in China it means China
 * Standard Time), so none is accepted: the message names the IANA zones to choose from. A few
 * city names that are not IANA zones get the zone they belong to.
 */
const ABBREVIATIONS: Record<string, string> = {
  CST: 'Asia/Shanghai (China Standard Time), America/Chicago (US Central) or America/Havana (Cuba)',
  IST: 'Asia/Kolkata (India), Asia/Jerusalem (Israel) or Europe/Dublin (Ireland)',
  EST: 'America/New_York (US Eastern, with daylight saving time) or Australia/Sydney (Australian Eastern)',
  EDT: 'America/New_York (US Eastern)',
  CDT: 'America/Chicago (US Central)',
  MST: 'America/Denver (US Mountain, with daylight saving time) or America/Phoenix (Arizona, without)',
  PST: 'America/Los_Angeles (US Pacific) or Asia/Manila (Philippines)',
  PDT: 'America/Los_Angeles (US Pacific)',
  HST: 'Pacific/Honolulu (Hawaii)',
  BST: 'Europe/London (British Summer Time) or Asia/Dhaka (Bangladesh)',
  CET: 'Europe/Berlin, Europe/Paris or another Central European city',
  CEST: 'Europe/Berlin, Europe/Paris or another Central European city',
  EET: 'Europe/Helsinki, Europe/Athens or another Eastern European city',
  WET: 'Europe/Lisbon (Western European)',
  MET: 'Europe/Berlin, Europe/Paris or another Central European city',
  JST: 'Asia/Tokyo (Japan)',
  KST: 'Asia/Seoul (Korea)',
  HKT: 'Asia/Hong_Kong',
  SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney or Australia/Brisbane (Australian Eastern)',
  BJT: 'Asia/Shanghai (Beijing time)',
};

/** Not IANA zones; the zone they belong to. Keys in lower case. */
const MISNAMES: Record<string, string> = {
  'asia/beijing': 'Asia/Shanghai',
  'asia/peking': 'Asia/Shanghai',
  'asia/guangzhou': 'Asia/Shanghai',
  'asia/shenzhen': 'Asia/Shanghai',
  'asia/hangzhou': 'Asia/Shanghai',
  'asia/chengdu': 'Asia/Shanghai',
  'asia/beijing_time': 'Asia/Shanghai',
  beijing: 'Asia/Shanghai',
  china: 'Asia/Shanghai',
};

/** Why `name` is refused although it may look like (or even resolve to) a zone; undefined when it is not one of these. */
export function zoneNameProblem(name: string): string | undefined {
  const abbreviation = ABBREVIATIONS[name.toUpperCase()];
  if (abbreviation !== undefined) {
    return `\`${name}\` is an abbreviation, which means different zones in different places; write the IANA name: ${abbreviation}`;
  }
  const zone = MISNAMES[name.toLowerCase()];
  if (zone !== undefined) {
    return `\`${name}\` is not an IANA time zone (did you mean \`${zone}\`? China has one zone, named after Shanghai)`;
  }
  return undefined;
}
