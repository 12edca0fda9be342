// A client's dial function for tests: each connection attempt gets a new in-memory
// stream whose far end is a ScriptedPeer the test drives, one peer per attempt.
import type { ClientConfig } from '../../src/client/config.js';
import type { ProtocolVersion } from '../../src/codec/types.js';
import { duplexPair, ScriptedPeer } from './peer.js';

export function dialer(version: ProtocolVersion = 4) {
  const peers: ScriptedPeer[] = [];
  const waiting: Array<(p: ScriptedPeer) => void> = [];
  let attempts = 0;
  const dial = () => {
    attempts++;
    const [ours, theirs] = duplexPair();
    const peer = new ScriptedPeer(theirs, version);
    const w = waiting.shift();
    if (w) w(peer);
    else peers.push(peer);
    return ours;
  };
  const nextPeer = (): Promise<ScriptedPeer> => {
    const p = peers.shift();
    return p ? Promise.resolve(p) : new Promise((r) => waiting.push(r));
  };
  return {
    dial,
    nextPeer,
    get attempts() {
      return attempts;
    },
  };
}

/** Answers the peer's CONNECT with a successful CONNACK. */
export async function accept(peer: ScriptedPeer, sessionPresent: boolean, properties?: object) {
  const connect = await peer.expect('connect');
  peer.send({ type: 'connack', sessionPresent, reasonCode: 0, ...(properties ? { properties } : {}) });
  return connect;
}

/** A reconnecting client's config for scripted peers (the transport is never used: tests dial). */
export function reconnectingConfig(version: ProtocolVersion = 4, clean = false, extra: Partial<ClientConfig> = {}): ClientConfig {
  return {
    transport: { kind: 'tcp', host: 'unused', port: 0 },
    connect: { protocolVersion: version, clientId: 'c1', clean, keepalive: 60 },
    maxInflight: 20,
    connectTimeoutMs: 2000,
    reconnectDelayMs: 10,
    ...extra,
  };
}
