import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/format/template.js';
import { makeMessage, SAMPLE_PROPERTIES } from './message-fixture.js';

const TST = '2026-11-22T02:12:40.123456+0000';

function run(format: string, msg = makeMessage(), pretty = false): { out: string; warnings: string[] } {
  const warnings: string[] = [];
  const out = compileTemplate(format, { timeZone: 'UTC', pretty, onWarning: (w) => warnings.push(w) })(msg).toString('latin1');
  return { out, warnings };
}

describe('%j', () => {
  it('prints tst, topic, qos, retain, payloadlen and the escaped payload', () => {
    expect(run('%j').out).toBe(`{"tst":"${TST}","topic":"ft/a","qos":0,"retain":0,"payloadlen":5,"payload":"hello"}`);
  });

  it('adds mid for QoS > 0 and keeps retain a number (as 2.0.11)', () => {
    const msg = makeMessage({ qos: 2, packetId: 1, retain: true, payload: Buffer.from('hi') });
    expect(run('%j', msg).out).toBe(`{"tst":"${TST}","topic":"ft/a","qos":2,"retain":1,"payloadlen":2,"mid":1,"payload":"hi"}`);
  });

  it('prints v5 properties in wire order with 2.1 fixes: no "Z" in tst, user-properties as an array', () => {
    // 2.0.11 prints "tst":"…460069Z+0000" and "user-properties":{"k1":"v1","k2":"v2"} (§3.2).
    const msg = makeMessage({ properties: SAMPLE_PROPERTIES });
    expect(run('%j', msg).out).toBe(
      `{"tst":"${TST}","topic":"ft/a","qos":0,"retain":0,"payloadlen":5,"properties":{"content-type":"text/plain","user-properties":[{"k1":"v1"},{"k2":"v2"}],"payload-format-indicator":1,"response-topic":"rt","correlation-data":"cd","message-expiry-interval":30},"payload":"hello"}`,
    );
  });

  it('keeps duplicate user property names and every subscription identifier', () => {
    const msg = makeMessage({ properties: { subscriptionIdentifier: [7, 9], userProperties: [['k', '1'], ['k', '2']], topicAlias: 4 } });
    expect(run('%j', msg).out).toContain('"properties":{"subscription-identifier":7,"subscription-identifier":9,"user-properties":[{"k":"1"},{"k":"2"}],"topic-alias":4}');
  });

  it('omits "properties" when the message has none', () => {
    expect(run('%j', makeMessage({ properties: {} })).out).not.toContain('properties');
    expect(run('%j', makeMessage({ properties: { userProperties: [] } })).out).not.toContain('properties');
  });

  it('prints an empty payload as null', () => {
    expect(run('%j', makeMessage({ payload: Buffer.alloc(0) })).out).toContain('"payloadlen":0,"payload":null}');
  });

  it('escapes like cJSON, passes other bytes through raw and stops at a NUL (measured on 2.0.11)', () => {
    const msg = makeMessage({ payload: Buffer.from([0x78, 0xff, 0xc3, 0xa9, 0x7f, 0x1f, 0x08, 0x0c, 0x09, 0x22, 0x5c, 0x00, 0x41]) });
    const out = compileTemplate('%j', { timeZone: 'UTC' })(msg);
    const tail = Buffer.concat([Buffer.from('"payloadlen":13,"payload":"x'), Buffer.from([0xff, 0xc3, 0xa9, 0x7f]), Buffer.from('\\u001f\\b\\f\\t\\"\\\\"}')]);
    expect(out.subarray(out.length - tail.length).equals(tail)).toBe(true);
  });

  it('pretty-prints with tabs under --pretty', () => {
    const msg = makeMessage({ qos: 1, packetId: 1, properties: { subscriptionIdentifier: [7], userProperties: [['k1', 'v1']] } });
    expect(run('%j', msg, true).out).toBe(
      [
        '{',
        `\t"tst":\t"${TST}",`,
        '\t"topic":\t"ft/a",',
        '\t"qos":\t1,',
        '\t"retain":\t0,',
        '\t"payloadlen":\t5,',
        '\t"mid":\t1,',
        '\t"properties":\t{',
        '\t\t"subscription-identifier":\t7,',
        '\t\t"user-properties":\t[{',
        '\t\t\t\t"k1":\t"v1"',
        '\t\t\t}]',
        '\t},',
        '\t"payload":\t"hello"',
        '}',
      ].join('\n'),
    );
  });

  it('uses the local time with microseconds and a numeric offset', () => {
    const out = compileTemplate('%j', { timeZone: 'Asia/Kathmandu' })(makeMessage()).toString();
    expect(out).toContain('"tst":"2026-11-22T07:57:40.123456+0545"');
  });
});

describe('%J', () => {
  it('embeds a JSON payload as re-printed by cJSON', () => {
    const msg = makeMessage({ payload: Buffer.from(' {"a": [1, 2.50, -0, 1e400], "b": "\\u00e9"} ') });
    expect(run('%J', msg).out).toBe(`{"tst":"${TST}","topic":"ft/a","qos":0,"retain":0,"payloadlen":${msg.packet.payload.length},"payload":{"a":[1,2.5,-0,null],"b":"${Buffer.from('é').toString('latin1')}"}}`);
  });

  it('pretty-prints the embedded payload too', () => {
    const { out } = run('%J', makeMessage({ payload: Buffer.from('{"a":{}}') }), true);
    expect(out.endsWith('\t"payload":\t{\n\t\t"a":\t{\n\t\t}\n\t}\n}')).toBe(true);
  });

  it('prints null for an empty payload', () => {
    expect(run('%J', makeMessage({ payload: Buffer.alloc(0) })).out).toContain('"payload":null}');
  });

  it('on a non-JSON payload prints nothing for the field and reports mosquitto\'s stderr line', () => {
    const { out, warnings } = run('[%J]', makeMessage({ topic: 'a/b', payload: Buffer.from('not json') }));
    expect(out).toBe('[]');
    expect(warnings).toEqual(['Error: Message payload is not valid JSON on topic a/b.\n']);
  });
});
