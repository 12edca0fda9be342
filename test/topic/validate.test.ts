import { describe, expect, it } from 'vitest';
import { isValidMqttText, topicFilterProblem, topicNameProblem } from '../../src/topic/validate.js';

describe('isValidMqttText (mosquitto_validate_utf8)', () => {
  it('accepts ordinary text, including characters outside the BMP', () => {
    for (const ok of ['a/b', 'sensors/température', '漢字/😀', ' ', '\u00a0', '\ufffd', '\ufdcf', '\ufdf0', '\u{10fffd}']) expect(isValidMqttText(ok), JSON.stringify(ok)).toBe(true);
  });

  it('refuses U+0000 [MQTT-1.5.4-2] and lone surrogates [MQTT-1.5.4-1]', () => {
    for (const bad of ['a\u0000b', 'a\ud800', '\udc00a', 'a\ud800b']) expect(isValidMqttText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('refuses control characters U+0001..U+001F and U+007F..U+009F, which mosquitto drops [MQTT-1.5.4-3]', () => {
    for (const c of [0x01, 0x09, 0x0a, 0x1f, 0x7f, 0x85, 0x9f]) expect(isValidMqttText(`a${String.fromCharCode(c)}b`), c.toString(16)).toBe(false);
  });

  it('refuses non-characters: U+FDD0..U+FDEF and U+xFFFE/U+xFFFF in every plane', () => {
    for (const c of [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x1ffff, 0x10ffff]) expect(isValidMqttText(`a${String.fromCodePoint(c)}`), c.toString(16)).toBe(false);
  });

  it('refuses more than 65535 bytes of UTF-8 (§1.5.4)', () => {
    expect(isValidMqttText('a'.repeat(65535))).toBe(true);
    expect(isValidMqttText('a'.repeat(65536))).toBe(false);
    expect(isValidMqttText('é'.repeat(32768))).toBe(false); // 65536 bytes
  });
});

describe('topicNameProblem / topicFilterProblem', () => {
  it('reports bad text before a bad shape, as mosquitto checks them', () => {
    expect(topicNameProblem('a/\u0001/#')).toBe('malformed-utf8');
    expect(topicNameProblem('a/#')).toBe('invalid');
    expect(topicNameProblem('')).toBe('invalid');
    expect(topicNameProblem('a/b')).toBeUndefined();
    expect(topicFilterProblem('a/\u007f/+')).toBe('malformed-utf8');
    expect(topicFilterProblem('a/#/b')).toBe('invalid');
    expect(topicFilterProblem('a/+/#')).toBeUndefined();
  });
});
