// UTF-8 Encoded Strings (§1.5.4) in both directions: validating received bytes and
// measuring strings to send. Both refuse exactly the same things, so that an encoder
// can never emit what a decoder rejects: ill-formed UTF-8 and surrogates
// [MQTT-1.5.4-1], U+0000 [MQTT-1.5.4-2], and more than 65,535 bytes.
import { isUtf8 } from 'node:buffer';
import { malformed, topicNameInvalid } from './errors.js';


/** Longer strings are validated by node's native isUtf8 instead of the JS loop. */
const NATIVE_UTF8_MIN = 64;

/**
 * Whether buf[i, end) is well-formed UTF-8 (Unicode Table 3-7): no overlong forms, no
 * surrogates U+D800..U+DFFF, nothing above U+10FFFF [MQTT-1.5.4-1]. Checking the
 * bytes matters: once decoded, ill-formed input has become U+FFFD and is invisible.
 */
export function isWellFormedUtf8(buf: Buffer, i: number, end: number): boolean {
  if (end - i >= NATIVE_UTF8_MIN) return isUtf8(buf.subarray(i, end));
  while (i < end) {
    const c = buf[i++]!;
    if (c < 0x80) continue;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      else if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      else if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return false;
    if (i + need > end) return false;
    const c1 = buf[i++]!;
    if (c1 < lo || c1 > hi) return false;
    for (let k = 1; k < need; k++) {
      const ck = buf[i++]!;
      if (ck < 0x80 || ck > 0xbf) return false;
    }
  }
  return true;
}

/**
 * Byte length of `s` in UTF-8. Throws for what has no well-formed UTF-8 encoding (lone
 * surrogates) [MQTT-1.5.4-1], U+0000 [MQTT-1.5.4-2] and strings over 65,535 bytes
 * (§1.5.4), so an encoder can never emit what a decoder would reject.
 */
export function utf8Length(s: string, what: string): number {
  return measure(s, what, false);
}

/** utf8Length for a Topic Name, which also must not contain '+' or '#' [MQTT-3.3.2-2]. */
export function topicNameLength(s: string, what: string): number {
  return measure(s, what, true);
}

function measure(s: string, what: string, topicName: boolean): number {
  if (typeof s !== 'string') throw malformed(`${what} must be a string`);
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) throw malformed(`${what} contains U+0000 [MQTT-1.5.4-2]`);
      if (topicName && (c === 0x2b || c === 0x23)) {
        throw topicNameInvalid(`${what} contains the wildcard '${s[i]}' [MQTT-3.3.2-2]`);
      }
    } else if (c < 0x800) len += 1;
    else if (c < 0xd800 || c > 0xdfff) len += 2;
    else if (c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 2; // two UTF-16 units, four bytes
      i++;
    } else throw malformed(`${what} contains a lone surrogate, which has no UTF-8 encoding [MQTT-1.5.4-1]`);
  }
  if (len > 0xffff) throw malformed(`${what} is ${len} bytes; a UTF-8 string holds at most 65535 (§1.5.4)`);
  return len;
}
