import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatJsonEvent, formatJsonMessage } from '../../src/format/json.js';
import { makeMessage, SAMPLE_PROPERTIES } from './message-fixture.js';

const parse = (line: string): Record<string, unknown> => {
  expect(line.endsWith('\n')).toBe(true);
  expect(line.indexOf('\n')).toBe(line.length - 1);
  return JSON.parse(line) as Record<string, unknown>;
};

const hasJq = spawnSync('jq', ['--version']).status === 0;

describe('--output json message lines', () => {
  it('has time (UTC, ms), topic, payload, qos, retain and dup', () => {
    expect(parse(formatJsonMessage(makeMessage()))).toEqual({
      time: '2026-11-22T02:12:40.123Z',
      topic: 'ft/a',
      payload: 'hello',
      qos: 0,
      retain: false,
      dup: false,
    });
  });

  it('adds packet_id for QoS > 0', () => {
    expect(parse(formatJsonMessage(makeMessage({ qos: 1, packetId: 9, dup: true, retain: true })))).toMatchObject({ qos: 1, packet_id: 9, dup: true, retain: true });
  });

  it('base64-encodes a payload that is not UTF-8 and says so', () => {
    const line = parse(formatJsonMessage(makeMessage({ payload: Buffer.from([0x00, 0xff, 0xfe]) })));
    expect(line.payload).toBe('AP/+');
    expect(line.payload_encoding).toBe('base64');
  });

  it('keeps valid UTF-8 (including NUL and a BOM) as text', () => {
    const line = parse(formatJsonMessage(makeMessage({ payload: Buffer.from('\ufeffé\u0000😀') })));
    expect(line.payload).toBe('\ufeffé\u0000😀');
    expect(line).not.toHaveProperty('payload_encoding');
  });

  it('prints an empty payload as an empty string', () => {
    expect(parse(formatJsonMessage(makeMessage({ payload: Buffer.alloc(0) }))).payload).toBe('');
  });

  it('lists every property in snake_case, user properties as pairs, binary correlation data as base64', () => {
    const msg = makeMessage({
      properties: { ...SAMPLE_PROPERTIES, userProperties: [['k', '1'], ['k', '2']], correlationData: Buffer.from([0xff]), subscriptionIdentifier: [7], topicAlias: 2 },
    });
    expect(parse(formatJsonMessage(msg)).properties).toEqual({
      content_type: 'text/plain',
      user_properties: [
        ['k', '1'],
        ['k', '2'],
      ],
      payload_format_indicator: 1,
      response_topic: 'rt',
      correlation_data: '/w==',
      correlation_data_encoding: 'base64',
      message_expiry_interval: 30,
      subscription_identifier: [7],
      topic_alias: 2,
    });
    expect(parse(formatJsonMessage(makeMessage({ properties: { correlationData: Buffer.from('abc') } }))).properties).toEqual({ correlation_data: 'abc' });
  });

  it('omits properties when there are none', () => {
    expect(parse(formatJsonMessage(makeMessage({ properties: {} })))).not.toHaveProperty('properties');
  });

  it.skipIf(!hasJq)('is read by jq -c, one object per line', () => {
    const lines = [
      formatJsonMessage(makeMessage({ payload: Buffer.from([0, 1, 2, 0xff]) })),
      formatJsonMessage(makeMessage({ topic: 'a/"q"', payload: Buffer.from('line1\nline2\u2028'), properties: SAMPLE_PROPERTIES })),
      formatJsonEvent('connected', { client_id: 'x' }),
    ].join('');
    const jq = spawnSync('jq', ['-c', '.'], { input: lines });
    expect(jq.status).toBe(0);
    const out = jq.stdout.toString().trimEnd().split('\n');
    expect(out).toHaveLength(3);
    expect(JSON.parse(out[1]!)).toMatchObject({ topic: 'a/"q"', payload: 'line1\nline2\u2028' });
  });
});

describe('--output json event lines', () => {
  it('puts the kind under "event" and converts Buffers and Dates', () => {
    expect(parse(formatJsonEvent('published', { topic: 't', mid: 3, reason_code: 0, skipped: undefined }))).toEqual({ event: 'published', topic: 't', mid: 3, reason_code: 0 });
    expect(parse(formatJsonEvent('error', { message: 'Connection refused', time: new Date(0) }))).toEqual({ event: 'error', message: 'Connection refused', time: '1970-01-01T00:00:00.000Z' });
    expect(parse(formatJsonEvent('connected', { data: Buffer.from([0xff]) }))).toEqual({ event: 'connected', data: '/w==', data_encoding: 'base64' });
    expect(parse(formatJsonEvent('disconnected'))).toEqual({ event: 'disconnected' });
  });
});
