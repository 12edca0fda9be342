// A bridge section as the client engine's configuration for the remote broker. Pure.
import { hostname } from 'node:os';
import type { BridgeAddress, BridgeConfig } from '../broker/options.js';
import type { ClientConfig, TransportConfig } from '../client/config.js';
import type { ApplicationMessage } from '../codec/types.js';

/** mosquitto's default remote client id: hostname.NAME. */
export const remoteClientId = (c: BridgeConfig): string => c.clientId ?? `${hostname()}.${c.name}`;
/** mosquitto's default local client id: local.REMOTE_CLIENT_ID. */
export const localClientId = (c: BridgeConfig): string => c.localClientId ?? `local.${remoteClientId(c)}`;
export const notificationTopic = (c: BridgeConfig): string => c.notificationTopic ?? `$SYS/broker/connection/${remoteClientId(c)}/state`;

/** The retained connection state (1 connected, 0 not) on the notification topic. */
export const stateMessage = (c: BridgeConfig, up: boolean): ApplicationMessage => ({ topic: notificationTopic(c), payload: Buffer.from(up ? '1' : '0'), qos: 1, retain: true });

export function toTransport(c: BridgeConfig, a: BridgeAddress): TransportConfig {
  const tls = c.cafile !== undefined || c.certfile !== undefined || c.alpn !== undefined;
  if (!tls) return { kind: 'tcp', host: a.host, port: a.port };
  return {
    kind: 'tcp', host: a.host, port: a.port,
    tls: {
      ...(c.cafile !== undefined ? { caFile: c.cafile } : {}),
      ...(c.certfile !== undefined ? { certFile: c.certfile } : {}),
      ...(c.keyfile !== undefined ? { keyFile: c.keyfile } : {}),
      ...(c.alpn !== undefined ? { alpn: [c.alpn] } : {}),
      insecure: c.insecure,
    },
  };
}

/**
 * `maxInflight`: our window towards the remote. An MQTT 3.1.1 server cannot announce its
 * Receive Maximum, and mosquitto acknowledges (and drops) what exceeds its
 * max_inflight_messages, so this must not exceed the remote's (mosquitto's default, 20,
 * unless serve sets max_inflight_messages). MQTT 5 narrows it to the CONNACK's Receive Maximum.
 */
export function toRemoteConfig(c: BridgeConfig, opts: { maxInflight: number; tryPrivate: boolean }): ClientConfig {
  const v5 = c.protocolVersion === 5;
  return {
    // Unused: the bridge dials each attempt itself (address rotation, backoff).
    transport: toTransport(c, c.addresses[0]!),
    connect: {
      protocolVersion: c.protocolVersion, clientId: remoteClientId(c), clean: c.cleanSession, keepalive: c.keepalive,
      ...(c.username !== undefined ? { username: c.username } : {}),
      ...(c.password !== undefined ? { password: Buffer.from(c.password) } : {}),
      // The remote publishes "0" for us if we vanish, so the state is right after a crash.
      ...(c.notifications ? { will: stateMessage(c, false) } : {}),
      ...(v5 && !c.cleanSession ? { properties: { sessionExpiryInterval: 0xffffffff } } : {}),
      // mosquitto's try_private: protocol level | 0x80 marks us as a bridge (MQTT 5 has No Local instead).
      ...(opts.tryPrivate && !v5 ? { bridge: true } : {}),
    },
    maxInflight: opts.maxInflight,
    connectTimeoutMs: 10_000,
    reconnectDelayMs: 0,
    deferAcks: true,
  };
}

/** The bridge's session on our own broker: kept across remote outages, so what it has not forwarded waits there. */
export function toLocalConfig(c: BridgeConfig, receiveMaximum: number): ClientConfig {
  return {
    transport: { kind: 'tcp', host: 'local', port: 0 },
    connect: {
      protocolVersion: 5, clientId: localClientId(c), clean: false, keepalive: 0,
      properties: { sessionExpiryInterval: 0xffffffff, receiveMaximum },
    },
    maxInflight: 65535,
    connectTimeoutMs: 10_000,
    deferAcks: true,
  };
}
