// A scripted broker over in-memory streams for bench tests: it accepts every client,
// relays every PUBLISH to every subscriber at QoS 0, and follows a script of faults
// counted over relayed messages (0-based): drop one, send one twice, swap one with the
// next, stall (read nothing from publishers, ack nothing) for a while, drop every
// connection at once (a broker restart; it keeps no sessions), refuse the first connects
// (a port that opens late) or refuse the first CONNECTs with a return code.
import type { Duplex } from 'node:stream';
import { encode } from '../../../src/codec/encode.js';
import { createParser } from '../../../src/codec/parser.js';
import type { Packet, PublishPacket } from '../../../src/codec/types.js';
import { duplexPair } from '../../../src/wire/duplex-pair.js';
import { toBenchConfig, type BenchConfig } from '../../../src/commands/bench/config.js';
import { benchOptions } from '../../../src/options/bench.js';
import { parseArgv } from '../../../src/options/parse.js';
import { createClock, measureEpochOffset } from '../../../src/commands/bench/clock.js';
import { createLocalHost } from '../../../src/commands/bench/hosts.js';
import { Aggregate } from '../../../src/commands/bench/aggregate.js';
import { coordinate } from '../../../src/commands/bench/coordinator.js';
import { toSummary } from '../../../src/commands/bench/summary.js';
import type { BenchSummary } from '../../../src/format/bench.js';
import type { Dial } from '../../../src/client/link.js';
import { ClientError } from '../../../src/client/errors.js';

export interface Script {
  drop?: number[];
  repeat?: number[];
  swap?: number[];
  /** At the n-th PUBLISH received, stop reading publishers for `ms`. */
  stall?: { at: number; ms: number };
  /** After relaying the n-th message, drop every connection (later ones are served anew). */
  kick?: number;
  /** The first n connects find the port closed (ECONNREFUSED: a broker not up yet). */
  refuse?: number;
  /** The first n CONNECTs get CONNACK with this return code. */
  connack?: { first: number; code: number };
}

export function createScriptedBroker(script: Script): { dial: Dial; relayed: () => number; connections: () => number; dials: () => number; kickAll: () => void } {
  const live = new Set<Duplex>();
  let connections = 0;
  const subscribers: Duplex[] = [];
  /** $share/ subscribers: each message goes to one of them, in turn. */
  const shared: Duplex[] = [];
  let turn = 0;
  let relayed = 0;
  let received = 0;
  let held: PublishPacket | undefined;
  let stalledUntil = 0;
  let dials = 0;
  let connacks = 0;
  const send = (s: Duplex, p: Packet): void => void s.write(encode(p, 4));
  const deliver = (p: PublishPacket): void => {
    const copy: Packet = { ...p, qos: 0, packetId: undefined, dup: false, retain: false };
    for (const s of subscribers) send(s, copy);
    if (shared.length > 0) send(shared[turn++ % shared.length]!, copy);
  };
  const relay = (p: PublishPacket): void => {
    const n = relayed++;
    if (script.drop?.includes(n)) return;
    if (script.swap?.includes(n)) {
      held = p;
      return;
    }
    deliver(p);
    if (script.repeat?.includes(n)) deliver(p);
    if (held) {
      deliver(held);
      held = undefined;
    }
    if (n === script.kick) kickAll();
  };
  const kickAll = (): void => {
    subscribers.length = 0;
    shared.length = 0;
    for (const s of live) s.destroy();
  };
  const serve = (s: Duplex): void => {
    live.add(s);
    connections++;
    s.on('close', () => live.delete(s));
    const queue: Packet[] = [];
    let draining = false;
    const handle = (p: Packet): void => {
      switch (p.type) {
        case 'connect':
          if (script.connack && connacks++ < script.connack.first) {
            send(s, { type: 'connack', sessionPresent: false, reasonCode: script.connack.code });
            return void s.end();
          }
          return send(s, { type: 'connack', sessionPresent: false, reasonCode: 0 });
        case 'subscribe':
          (p.subscriptions[0]!.topicFilter.startsWith('$share/') ? shared : subscribers).push(s);
          return send(s, { type: 'suback', packetId: p.packetId, reasonCodes: p.subscriptions.map(() => 0) });
        case 'publish':
          relay(p);
          if (p.qos === 1) send(s, { type: 'puback', packetId: p.packetId! });
          return;
        case 'pingreq': return send(s, { type: 'pingresp' });
        case 'disconnect': return void s.end();
        default: return;
      }
    };
    const drain = (): void => {
      draining = false;
      while (queue.length > 0) {
        const wait = stalledUntil - Date.now();
        if (wait > 0) {
          draining = true;
          setTimeout(drain, wait);
          return;
        }
        const p = queue.shift()!;
        if (p.type === 'publish' && script.stall && received++ === script.stall.at) stalledUntil = Date.now() + script.stall.ms;
        handle(p);
      }
    };
    const parser = createParser({ protocolVersion: 4 }, (p) => {
      queue.push(p);
      if (!draining) drain();
    });
    s.on('data', (chunk: Buffer) => parser.push(chunk));
    s.on('end', () => s.end());
    s.on('error', () => {});
  };
  return {
    dial: () => {
      if (dials++ < (script.refuse ?? 0)) throw new ClientError('refused', 'Connection refused');
      const [client, server] = duplexPair();
      serve(server);
      return client;
    },
    relayed: () => relayed,
    connections: () => connections,
    dials: () => dials,
    kickAll,
  };
}

/** Runs `mqtk bench ARGV` in this thread against `dial`, and returns its summary. */
export async function benchInProcess(argv: string[], dial: Dial): Promise<BenchSummary> {
  const cfg: BenchConfig = { ...toBenchConfig(parseArgv(argv, benchOptions, { positionals: true }), { pid: 1, cores: 1 }), workers: 1 };
  const offset = measureEpochOffset();
  const clock = createClock(offset);
  const launchAt = clock();
  const host = createLocalHost(cfg, launchAt, offset, dial);
  const agg = new Aggregate(1);
  const times = await coordinate(cfg, [host], agg, clock, launchAt).done;
  return toSummary(cfg, agg, times);
}
