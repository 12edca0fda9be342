// The C printf conversions mosquitto_sub's -F output goes through, reproduced with
// glibc's exact results: `%d` with width, `-` and `0`; `%s` with width and precision
// counted in bytes (so a precision may cut a UTF-8 sequence, as C does); `%f` rounded
// half-to-even on the exact binary value; and `%1.15g`/`%1.17g`, which cJSON uses to
// print numbers. Number.prototype.toFixed/toPrecision round ties away from zero and
// switch to exponent notation at other thresholds, so they cannot be used directly.

/** Width, flags and precision of one `%` field; precision -1 means "not given". */
export interface FieldSpec {
  leftAlign: boolean;
  zeroPad: boolean;
  width: number;
  precision: number;
}

const SPACE = 0x20;

/** printf("%d") family as mosquitto's formatted_print_int calls it. */
export function printfInt(value: number, spec: FieldSpec): string {
  const text = String(value);
  if (spec.width === 0 || text.length >= spec.width) return text;
  const fill = spec.width - text.length;
  if (spec.leftAlign) return text + ' '.repeat(fill);
  if (!spec.zeroPad) return ' '.repeat(fill) + text;
  // "%05d" of -1 is "-0001": zeros go between the sign and the digits.
  return value < 0 ? '-' + '0'.repeat(fill) + text.slice(1) : '0'.repeat(fill) + text;
}

/** printf("%*.*s") on bytes: precision truncates, width pads with spaces (never zeros). */
export function printfStr(bytes: Buffer, spec: FieldSpec): Buffer {
  const body = spec.precision >= 0 && spec.precision < bytes.length ? bytes.subarray(0, spec.precision) : bytes;
  if (body.length >= spec.width) return body;
  const pad = Buffer.alloc(spec.width - body.length, SPACE);
  return spec.leftAlign ? Buffer.concat([body, pad]) : Buffer.concat([pad, body]);
}

/** printf("%.*f") / "%-*.*f" / "%0*.*f" as mosquitto 2.1's formatted_print_float calls it. */
export function printfFloat(value: number, spec: FieldSpec): string {
  // A negative precision means "not given" to printf: six decimals.
  const text = formatFixed(value, spec.precision < 0 ? 6 : spec.precision);
  if (spec.width === 0 || text.length >= spec.width) return text;
  const fill = spec.width - text.length;
  if (spec.leftAlign) return text + ' '.repeat(fill);
  // glibc ignores the 0 flag for inf and nan.
  if (!spec.zeroPad || !Number.isFinite(value)) return ' '.repeat(fill) + text;
  const signed = text.startsWith('-');
  return (signed ? '-' : '') + '0'.repeat(fill) + (signed ? text.slice(1) : text);
}

function isNegative(value: number): boolean {
  return value < 0 || Object.is(value, -0) || (Number.isNaN(value) && signBit(value));
}

function signBit(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return (view.getUint8(0) & 0x80) !== 0;
}

function nonFinite(value: number): string | undefined {
  if (Number.isNaN(value)) return isNegative(value) ? '-nan' : 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  return undefined;
}

/** |value| as m * 2^e with integer m (the exact binary value of the double). */
function decompose(value: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { m: fraction, e: -1074 } : { m: fraction | (1n << 52n), e: biased - 1075 };
}

/** C's "%.Nf": exact value scaled by 10^N, rounded half to even. */
export function formatFixed(value: number, precision: number): string {
  const special = nonFinite(value);
  if (special !== undefined) return special;
  const { m, e } = decompose(value);
  const scale = 10n ** BigInt(precision);
  let scaled: bigint;
  if (e >= 0) {
    scaled = (m << BigInt(e)) * scale;
  } else {
    const num = m * scale;
    const den = 1n << BigInt(-e);
    scaled = num / den;
    const twice = (num % den) * 2n;
    if (twice > den || (twice === den && (scaled & 1n) === 1n)) scaled += 1n;
  }
  const digits = scaled.toString().padStart(precision + 1, '0');
  const body = precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  return (isNegative(value) ? '-' : '') + body;
}

/** Exact decimal digits of |value| > 0: value = 0.DIGITS * 10^point (no trailing zeros). */
function exactDecimal(value: number): { digits: string; point: number } {
  const { m, e } = decompose(value);
  let digits: string;
  let point: number;
  if (e >= 0) {
    digits = (m << BigInt(e)).toString();
    point = digits.length;
  } else {
    // m * 2^e = m * 5^-e / 10^-e
    digits = (m * 5n ** BigInt(-e)).toString();
    point = digits.length + e;
  }
  return { digits: digits.replace(/0+$/, ''), point };
}

/** Rounds a digit string to `keep` significant digits, half to even. */
function roundDigits(dec: { digits: string; point: number }, keep: number): { digits: string; point: number } {
  const { digits, point } = dec;
  if (keep >= digits.length) return dec;
  const kept = digits.slice(0, keep);
  const first = digits.charCodeAt(keep) - 48;
  const tail = digits.slice(keep + 1);
  const lastOdd = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  const up = first > 5 || (first === 5 && (/[1-9]/.test(tail) || lastOdd));
  if (!up) return { digits: kept.replace(/0+$/, ''), point };
  const bumped = (BigInt(kept || '0') + 1n).toString();
  const carried = bumped.length > kept.length;
  return { digits: bumped.replace(/0+$/, ''), point: carried ? point + 1 : point };
}

/** C's "%1.Pg" (glibc), as cJSON uses it to print numbers. */
export function formatG(value: number, precision: number): string {
  const special = nonFinite(value);
  if (special !== undefined) return special;
  const sign = isNegative(value) ? '-' : '';
  if (value === 0) return `${sign}0`;
  const p = precision === 0 ? 1 : precision;
  const { digits, point } = roundDigits(exactDecimal(value), p);
  const exponent = point - 1;
  if (exponent < -4 || exponent >= p) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${expDigits}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
