// One strftime conversion, for mosquitto_sub's `@X` (it calls strftime("%X") on the
// local receive time). Output matches glibc in the C locale, which is the locale
// mosquitto_sub runs in (it never calls setlocale). Unknown conversions are echoed
// as glibc echoes them: "%q" for `@q`, and a digit is a field width, so `@5` is "   %5".
import { numericOffset, zoneAbbreviation, type LocalTime } from './local-time.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);
const hour12 = (t: LocalTime): number => t.hour % 12 || 12;
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

// glibc's iso_week_days: days since the Monday of ISO week 1 (negative = previous year).
function isoWeekDays(yday: number, wday: number): number {
  const bigEnoughMultipleOf7 = (Math.floor(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + bigEnoughMultipleOf7) % 7) + 4 - 1;
}

function isoWeek(t: LocalTime): { year: number; week: number } {
  let year = t.year;
  let days = isoWeekDays(t.yearDay, t.weekday);
  if (days < 0) {
    year--;
    days = isoWeekDays(t.yearDay + (isLeap(year) ? 366 : 365), t.weekday);
  } else {
    const next = isoWeekDays(t.yearDay - (isLeap(year) ? 366 : 365), t.weekday);
    if (next >= 0) {
      year++;
      days = next;
    }
  }
  return { year, week: Math.floor(days / 7) + 1 };
}

const CONVERSIONS: Record<string, (t: LocalTime) => string> = {
  a: (t) => DAYS[t.weekday]!.slice(0, 3),
  A: (t) => DAYS[t.weekday]!,
  b: (t) => MONTHS[t.month]!.slice(0, 3),
  B: (t) => MONTHS[t.month]!,
  // C locale d_t_fmt is "%a %b %e %H:%M:%S %Y".
  c: (t) => `${strftime('a', t)} ${strftime('b', t)} ${strftime('e', t)} ${strftime('T', t)} ${t.year}`,
  C: (t) => pad(Math.floor(t.year / 100), 2),
  d: (t) => pad(t.day, 2),
  D: (t) => `${strftime('m', t)}/${strftime('d', t)}/${strftime('y', t)}`,
  e: (t) => pad(t.day, 2, ' '),
  F: (t) => `${t.year}-${strftime('m', t)}-${strftime('d', t)}`,
  g: (t) => pad(((isoWeek(t).year % 100) + 100) % 100, 2),
  G: (t) => String(isoWeek(t).year),
  h: (t) => MONTHS[t.month]!.slice(0, 3),
  H: (t) => pad(t.hour, 2),
  I: (t) => pad(hour12(t), 2),
  j: (t) => pad(t.yearDay + 1, 3),
  k: (t) => pad(t.hour, 2, ' '),
  l: (t) => pad(hour12(t), 2, ' '),
  m: (t) => pad(t.month + 1, 2),
  M: (t) => pad(t.minute, 2),
  n: () => '\n',
  p: (t) => (t.hour < 12 ? 'AM' : 'PM'),
  P: (t) => (t.hour < 12 ? 'am' : 'pm'),
  // C locale t_fmt_ampm is "%I:%M:%S %p".
  r: (t) => `${strftime('I', t)}:${strftime('M', t)}:${strftime('S', t)} ${strftime('p', t)}`,
  R: (t) => `${strftime('H', t)}:${strftime('M', t)}`,
  s: (t) => String(t.epochSec),
  S: (t) => pad(t.second, 2),
  t: () => '\t',
  T: (t) => `${strftime('H', t)}:${strftime('M', t)}:${strftime('S', t)}`,
  u: (t) => String(t.weekday || 7),
  U: (t) => pad(Math.floor((t.yearDay + 7 - t.weekday) / 7), 2),
  V: (t) => pad(isoWeek(t).week, 2),
  w: (t) => String(t.weekday),
  W: (t) => pad(Math.floor((t.yearDay + 7 - ((t.weekday + 6) % 7)) / 7), 2),
  x: (t) => strftime('D', t),
  X: (t) => strftime('T', t),
  y: (t) => pad(((t.year % 100) + 100) % 100, 2),
  Y: (t) => String(t.year),
  z: (t) => numericOffset(t.offsetSec),
  Z: (t) => zoneAbbreviation(t),
  '%': () => '%',
};

/** strftime("%<letter>", t) with glibc's C-locale results. */
export function strftime(letter: string, t: LocalTime): string {
  const convert = CONVERSIONS[letter];
  if (convert) return convert(t);
  // "%5" is a width with no conversion: glibc echoes "%5" right-aligned in 5 columns.
  const width = letter >= '1' && letter <= '9' ? Number(letter) : 0;
  return `%${letter}`.padStart(width, ' ');
}
