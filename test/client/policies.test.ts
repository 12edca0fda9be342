import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InflightWindow } from '../../src/client/inflight.js';
import { Keepalive } from '../../src/client/keepalive.js';
import { PacketIds } from '../../src/client/packet-ids.js';
import { InboundTopicAliases, OutboundTopicAliases } from '../../src/client/topic-alias.js';
import { MqttError } from '../../src/codec/errors.js';

describe('PacketIds', () => {
  it('never hands out 0 and never an id in use [MQTT-2.2.1-3] [MQTT-2.2.1-4]', () => {
    const ids = new PacketIds();
    const got = new Set<number>();
    for (let i = 0; i < 65535; i++) got.add(ids.allocate());
    expect(got.size).toBe(65535);
    expect(got.has(0)).toBe(false);
    expect(() => ids.allocate()).toThrow();
    ids.release(42);
    expect(ids.allocate()).toBe(42);
  });
});

describe('InflightWindow', () => {
  it('hands out slots up to its capacity, then queues FIFO', async () => {
    const w = new InflightWindow(2);
    expect(w.acquire()).toBeUndefined();
    expect(w.acquire()).toBeUndefined();
    const order: number[] = [];
    const a = w.acquire()!.then(() => order.push(1));
    const b = w.acquire()!.then(() => order.push(2));
    expect(w.hasRoom).toBe(false);
    w.release();
    await a;
    w.release();
    await b;
    expect(order).toEqual([1, 2]);
  });
  it('narrows to the Receive Maximum, and widens again for a later server that allows more', async () => {
    const w = new InflightWindow(20);
    w.resize(1);
    expect(w.limit).toBe(1);
    expect(w.acquire()).toBeUndefined();
    const second = w.acquire();
    expect(second).toBeInstanceOf(Promise);
    w.resize(2);
    await second;
    expect(w.size).toBe(2);
  });
});

describe('topic aliases', () => {
  it('binds and resolves inbound aliases; rejects 0 and unknown ones', () => {
    const a = new InboundTopicAliases(3);
    expect(a.resolve('x/y', 1)).toBe('x/y');
    expect(a.resolve('', 1)).toBe('x/y');
    expect(() => a.resolve('', 2)).toThrow(MqttError);
    expect(() => a.resolve('a', 0)).toThrowError(expect.objectContaining({ reasonCode: 0x94 }));
    expect(() => a.resolve('a', 4)).toThrowError(expect.objectContaining({ reasonCode: 0x94 }));
  });
  it('sends the topic once per alias, then only the alias', () => {
    const o = new OutboundTopicAliases(2);
    expect(o.apply('a/b', 1)).toBe('a/b');
    expect(o.apply('a/b', 1)).toBe('');
    expect(o.apply('c', 1)).toBe('c');
    expect(() => o.apply('c', 3)).toThrow(MqttError);
  });
});

describe('Keepalive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings after keepalive seconds without sending, and times out without an answer [MQTT-3.1.2-23]', () => {
    const events: string[] = [];
    const k = new Keepalive(10_000, { ping: () => events.push('ping'), timeout: () => events.push('timeout') });
    k.start();
    vi.advanceTimersByTime(9_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['ping']);
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['ping', 'timeout']);
  });

  it('does not ping while packets are being sent, and a reply keeps the connection alive', () => {
    const events: string[] = [];
    const k = new Keepalive(10_000, { ping: () => events.push('ping'), timeout: () => events.push('timeout') });
    k.start();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(5_000);
      k.sent();
    }
    expect(events).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['ping']);
    k.received();
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['ping', 'ping']);
    k.stop();
  });
});
