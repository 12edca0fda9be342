// In-memory broker tests: each client is a ScriptedPeer on one end of a duplex pair,
// the broker's handle() gets the other end (arch rule 6).
import type { ConnackPacket, ConnectPacket, Packet, ProtocolVersion } from '../../src/codec/types.js';
import { type Broker, type CreateBrokerOptions, createBroker } from '../../src/broker/broker.js';
import { duplexPair, ScriptedPeer } from '../helpers/peer.js';

export function testBroker(options: CreateBrokerOptions = {}): Broker {
  return createBroker({ sysInterval: 0, ...options });
}

export function open(broker: Broker, version: ProtocolVersion = 4): ScriptedPeer {
  const [ours, theirs] = duplexPair();
  broker.handle(ours, { address: '127.0.0.1:1' });
  return new ScriptedPeer(theirs, version);
}

export interface Connected {
  peer: ScriptedPeer;
  connack: ConnackPacket;
}

export async function connect(broker: Broker, clientId: string, version: ProtocolVersion = 4, extra: Partial<ConnectPacket> = {}): Promise<Connected> {
  const peer = open(broker, version);
  peer.send({ type: 'connect', protocolVersion: version, clientId, clean: true, keepalive: 60, ...extra });
  const connack = await peer.expect('connack');
  return { peer, connack };
}

export async function subscribe(peer: ScriptedPeer, filter: string, qos: 0 | 1 | 2 = 0, packetId = 1, extra: object = {}): Promise<number[]> {
  peer.send({ type: 'subscribe', packetId, subscriptions: [{ topicFilter: filter, qos, ...extra }] });
  const suback = await peer.expect('suback');
  return suback.reasonCodes;
}

/** Resolves with the next packet, or 'timeout' if none comes within `ms`. */
export async function nextOrTimeout(peer: ScriptedPeer, ms = 100): Promise<Packet | 'timeout'> {
  return (await peer.nextWithin(ms)) ?? 'timeout';
}

export const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));
