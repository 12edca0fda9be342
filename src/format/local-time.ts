// Broken-down local time, the `struct tm` that mosquitto_sub gets from localtime().
// Like localtime(), the default zone is the process's (the TZ environment variable,
// else /etc/localtime), which V8 tracks for Date; an explicit IANA zone can be given
// instead (tests pin one). Fields are computed from the UTC offset so both paths share
// one calendar computation.

export interface LocalTime {
  /** Seconds since the epoch (floor of epochMs / 1000). */
  epochSec: number;
  /** Full year, e.g. 2026. */
  year: number;
  /** 0..11 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 */
  weekday: number;
  /** 0..365 */
  yearDay: number;
  /** Seconds east of UTC. */
  offsetSec: number;
  /** IANA zone, or undefined for the process default. */
  timeZone: string | undefined;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** UTC offset in seconds of `timeZone` (or the process zone) at `epochSec`. */
function offsetAt(epochSec: number, timeZone: string | undefined): number {
  if (timeZone === undefined) return -new Date(epochSec * 1000).getTimezoneOffset() * 60;
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochSec * 1000))) {
    if (part.type === 'era') bc = part.value === 'BC';
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - (fields.year ?? 0) : (fields.year ?? 0);
  const wall = Date.UTC(year, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return Math.round(wall / 1000 - epochSec);
}

/** localtime() of an epoch-milliseconds instant. */
export function toLocalTime(epochMs: number, timeZone?: string): LocalTime {
  const epochSec = Math.floor(epochMs / 1000);
  const offsetSec = offsetAt(epochSec, timeZone);
  const wall = new Date((epochSec + offsetSec) * 1000);
  const year = wall.getUTCFullYear();
  const yearDay = Math.round((Date.UTC(year, wall.getUTCMonth(), wall.getUTCDate()) - Date.UTC(year, 0, 1)) / 86_400_000);
  return {
    epochSec,
    year,
    month: wall.getUTCMonth(),
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
    yearDay,
    offsetSec,
    timeZone,
  };
}

// tzdata abbreviations ("CET", "EST", "JST") are not exposed by any JS API. CLDR has
// some of them, each under a locale that uses it; we try those locales and accept the
// first alphabetic answer, else fall back to tzdata's numeric style ("+03", "+0545").
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA', 'en-CA', 'en-HK', 'en-NG', 'ja', 'id'];
const abbreviations = new Map<string, string>();
let processZone: string | undefined;

/** The process's own zone (TZ), worked out once: an Intl.DateTimeFormat costs ~40 µs. */
function localZone(): string {
  return (processZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'local');
}

/** strftime's %Z: the zone abbreviation in effect at that time (best effort, see above). */
export function zoneAbbreviation(time: LocalTime): string {
  const zone = time.timeZone ?? localZone();
  // Keyed by year too: a zone may have used other names for the same offset in the past.
  const key = `${zone}|${time.offsetSec}|${time.year}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    name = lookUpAbbreviation(time) ?? numericZone(time.offsetSec);
    abbreviations.set(key, name);
  }
  return name;
}

function lookUpAbbreviation(time: LocalTime): string | undefined {
  const instant = new Date(time.epochSec * 1000);
  for (const locale of ABBREVIATION_LOCALES) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZone: time.timeZone, timeZoneName: 'short' }).formatToParts(instant);
      const name = parts.find((p) => p.type === 'timeZoneName')?.value;
      if (name !== undefined && /^[A-Z]{2,5}$/.test(name)) return name;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function numericZone(offsetSec: number): string {
  const sign = offsetSec < 0 ? '-' : '+';
  const minutes = Math.trunc(Math.abs(offsetSec) / 60);
  const hh = String(Math.trunc(minutes / 60)).padStart(2, '0');
  const mm = minutes % 60;
  return mm === 0 ? `${sign}${hh}` : `${sign}${hh}${String(mm).padStart(2, '0')}`;
}

/** strftime's %z: "+hhmm" / "-hhmm" (seconds of historical offsets are dropped, as glibc does). */
export function numericOffset(offsetSec: number): string {
  const sign = offsetSec < 0 ? '-' : '+';
  const minutes = Math.trunc(Math.abs(offsetSec) / 60);
  return `${sign}${String(Math.trunc(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
}
