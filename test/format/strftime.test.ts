import { afterEach, describe, expect, it } from 'vitest';
import { toLocalTime, zoneAbbreviation } from '../../src/format/local-time.js';
import { strftime } from '../../src/format/strftime.js';

const LETTERS = 'aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%';
const all = (epochSec: number, zone?: string): string => [...LETTERS].map((c) => strftime(c, toLocalTime(epochSec * 1000, zone))).join('|');

// Printed by glibc's strftime("%<letter>") in the C locale with TZ=<zone>.
const GLIBC: Record<string, string> = {
  'UTC 1795313560': 'Sun|Sunday|Nov|November|Sun Nov 22 02:12:40 2026|20|22|11/22/26|22|2026-11-22|26|2026|Nov|02|02|326| 2| 2|11|12|\n|AM|am|02:12:40 AM|02:12|1795313560|40|\t|02:12:40|7|47|47|0|46|11/22/26|02:12:40|26|2026|+0000|UTC|%',
  'UTC 1735603200': 'Tue|Tuesday|Dec|December|Tue Dec 31 00:00:00 2024|20|31|12/31/24|31|2024-12-31|25|2025|Dec|00|12|366| 0|12|12|00|\n|AM|am|12:00:00 AM|00:00|1735603200|00|\t|00:00:00|2|52|01|2|53|12/31/24|00:00:00|24|2024|+0000|UTC|%',
  'UTC 1609459200': 'Fri|Friday|Jan|January|Fri Jan  1 00:00:00 2021|20|01|01/01/21| 1|2021-01-01|20|2020|Jan|00|12|001| 0|12|01|00|\n|AM|am|12:00:00 AM|00:00|1609459200|00|\t|00:00:00|5|00|53|5|00|01/01/21|00:00:00|21|2021|+0000|UTC|%',
  'Europe/Berlin 1795313560': 'Sun|Sunday|Nov|November|Sun Nov 22 03:12:40 2026|20|22|11/22/26|22|2026-11-22|26|2026|Nov|03|03|326| 3| 3|11|12|\n|AM|am|03:12:40 AM|03:12|1795313560|40|\t|03:12:40|7|47|47|0|46|11/22/26|03:12:40|26|2026|+0100|CET|%',
  'Europe/Berlin 1609459200': 'Fri|Friday|Jan|January|Fri Jan  1 01:00:00 2021|20|01|01/01/21| 1|2021-01-01|20|2020|Jan|01|01|001| 1| 1|01|00|\n|AM|am|01:00:00 AM|01:00|1609459200|00|\t|01:00:00|5|00|53|5|00|01/01/21|01:00:00|21|2021|+0100|CET|%',
  'America/Sao_Paulo 1795313560': 'Sat|Saturday|Nov|November|Sat Nov 21 23:12:40 2026|20|21|11/21/26|21|2026-11-21|26|2026|Nov|23|11|325|23|11|11|12|\n|PM|pm|11:12:40 PM|23:12|1795313560|40|\t|23:12:40|6|46|47|6|46|11/21/26|23:12:40|26|2026|-0300|-03|%',
  'America/Sao_Paulo 1735603200': 'Mon|Monday|Dec|December|Mon Dec 30 21:00:00 2024|20|30|12/30/24|30|2024-12-30|25|2025|Dec|21|09|365|21| 9|12|00|\n|PM|pm|09:00:00 PM|21:00|1735603200|00|\t|21:00:00|1|52|01|1|53|12/30/24|21:00:00|24|2024|-0300|-03|%',
  'America/Sao_Paulo 1609459200': 'Thu|Thursday|Dec|December|Thu Dec 31 21:00:00 2020|20|31|12/31/20|31|2020-12-31|20|2020|Dec|21|09|366|21| 9|12|00|\n|PM|pm|09:00:00 PM|21:00|1609459200|00|\t|21:00:00|4|52|53|4|52|12/31/20|21:00:00|20|2020|-0300|-03|%',
  'Asia/Kathmandu 1795313560': 'Sun|Sunday|Nov|November|Sun Nov 22 07:57:40 2026|20|22|11/22/26|22|2026-11-22|26|2026|Nov|07|07|326| 7| 7|11|57|\n|AM|am|07:57:40 AM|07:57|1795313560|40|\t|07:57:40|7|47|47|0|46|11/22/26|07:57:40|26|2026|+0545|+0545|%',
  'Asia/Kathmandu 1735603200': 'Tue|Tuesday|Dec|December|Tue Dec 31 05:45:00 2024|20|31|12/31/24|31|2024-12-31|25|2025|Dec|05|05|366| 5| 5|12|45|\n|AM|am|05:45:00 AM|05:45|1735603200|00|\t|05:45:00|2|52|01|2|53|12/31/24|05:45:00|24|2024|+0545|+0545|%',
};

describe('strftime conversions match glibc in the C locale', () => {
  it.each(Object.entries(GLIBC))('%s', (key, expected) => {
    const [zone, sec] = key.split(' ') as [string, string];
    expect(all(Number(sec), zone)).toBe(expected);
  });

  it('echoes unknown conversions and treats a digit as a width, as glibc does', () => {
    const t = toLocalTime(0, 'UTC');
    expect(['q', 'E', 'O', '+', '_', '1', '5', '9', 'J', 'f'].map((c) => strftime(c, t))).toEqual(['%q', '%E', '%O', '%+', '%_', '%1', '   %5', '       %9', '%J', '%f']);
  });

  it('names zones like tzdata where CLDR knows the name, else numerically', () => {
    expect(zoneAbbreviation(toLocalTime(1795313560000, 'Europe/London'))).toBe('GMT');
    expect(zoneAbbreviation(toLocalTime(1720000000000, 'Europe/London'))).toBe('BST');
    expect(zoneAbbreviation(toLocalTime(1795313560000, 'America/New_York'))).toBe('EST');
    expect(zoneAbbreviation(toLocalTime(1795313560000, 'Asia/Tokyo'))).toBe('JST');
    expect(zoneAbbreviation(toLocalTime(1795313560000, 'Europe/Istanbul'))).toBe('+03');
  });
});

describe('the default zone is the process zone (TZ), as for localtime()', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('follows TZ', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(all(1795313560)).toBe(GLIBC['Europe/Berlin 1795313560']);
    process.env.TZ = 'America/Sao_Paulo';
    expect(all(1735603200)).toBe(GLIBC['America/Sao_Paulo 1735603200']);
  });

  it('computes ISO weeks across year boundaries like glibc', () => {
    // 2021-01-03 is in week 53 of 2020; 2024-12-30 is in week 1 of 2025.
    const t1 = toLocalTime(Date.UTC(2021, 0, 3, 12), 'UTC');
    expect(`${strftime('G', t1)}-W${strftime('V', t1)}-${strftime('u', t1)}`).toBe('2020-W53-7');
    const t2 = toLocalTime(Date.UTC(2024, 11, 30, 12), 'UTC');
    expect(`${strftime('G', t2)}-W${strftime('V', t2)}-${strftime('u', t2)} ${strftime('g', t2)}`).toBe('2025-W01-1 25');
  });
});
