// A small MQTT client over one Duplex, for the bridge (the broker may not import
// src/client): CONNECT/CONNACK, SUBSCRIBE, PUBLISH with QoS 1/2 acknowledgement, incoming
// PUBLISH acknowledged when the caller says so (end to end), and keep alive.
import type { Duplex } from 'node:stream';
import type { ApplicationMessage, ConnackPacket, Packet, Properties, ProtocolVersion, PublishPacket, QoS, Subscription, Will } from '../../codec/types.js';
import { WireConnection } from '../../wire/connection.js';

export interface LinkOptions {
  clientId: string;
  version: ProtocolVersion;
  clean: boolean;
  keepalive: number;
  username?: string;
  password?: string;
  will?: Will;
  properties?: Properties;
  /** mosquitto's try_private: protocol level | 0x80 marks the connection as a bridge. */
  tryPrivate?: boolean;
}

/** What a caller publishes (the codec's ApplicationMessage). */
export type OutgoingMessage = ApplicationMessage;

export interface LinkEvents {
  /** An incoming PUBLISH; call `ack` once it is safely handed on (sends PUBACK / PUBREC). */
  message(p: PublishPacket, ack: () => void): void;
  close(): void;
}

interface Pending {
  resolve(): void;
  reject(err: Error): void;
  qos: QoS;
}

export class MqttLink {
  private readonly wire: WireConnection;
  private readonly pending = new Map<number, Pending>();
  private readonly waiting = new Map<string, (p: Packet) => void>();
  /** QoS 2 ids received and acknowledged with PUBREC: a resend is not delivered twice. */
  private readonly incoming = new Set<number>();
  private nextId = 0;
  private pinger: NodeJS.Timeout | undefined;
  private pongDue = false;
  closed = false;

  constructor(stream: Duplex, private readonly opts: LinkOptions, private readonly events: LinkEvents) {
    this.wire = new WireConnection(stream, { protocolVersion: opts.version }, {
      packet: (p) => this.onPacket(p),
      error: () => {},
      close: () => this.onClose(),
    });
  }

  async connect(timeoutMs = 10_000): Promise<ConnackPacket> {
    const o = this.opts;
    const connect = {
      type: 'connect' as const, protocolVersion: o.version, clientId: o.clientId, clean: o.clean, keepalive: o.keepalive,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: Buffer.from(o.password) } : {}),
      ...(o.will !== undefined ? { will: o.will } : {}),
      ...(o.properties !== undefined ? { properties: o.properties } : {}),
      ...(o.tryPrivate && o.version < 5 ? { bridge: true } : {}),
    };
    const answer = this.expect('connack', timeoutMs);
    this.wire.send(connect);
    const connack = (await answer) as ConnackPacket;
    if (connack.reasonCode !== 0) {
      this.close();
      throw new Error(`connection refused (reason code ${connack.reasonCode})`);
    }
    if (o.keepalive > 0) {
      this.pinger = setInterval(() => this.ping(), o.keepalive * 1000);
      this.pinger.unref();
    }
    return connack;
  }

  private expect(type: string, timeoutMs: number): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(type);
        reject(new Error(`no ${type.toUpperCase()} within ${timeoutMs} ms`));
        this.close();
      }, timeoutMs);
      this.waiting.set(type, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  }

  async subscribe(subscriptions: Subscription[], properties?: Properties): Promise<number[]> {
    const answer = this.expect('suback', 10_000);
    this.wire.send({ type: 'subscribe', packetId: this.takeId(), subscriptions, ...(properties ? { properties } : {}) });
    return ((await answer) as { reasonCodes: number[] }).reasonCodes;
  }

  /** Resolves when the peer has the message (QoS 0: once written). */
  publish(m: OutgoingMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('link closed'));
    const packet: PublishPacket = { type: 'publish', topic: m.topic, payload: m.payload, qos: m.qos, retain: m.retain, dup: false };
    if (m.properties !== undefined && this.opts.version === 5) packet.properties = m.properties;
    if (m.qos === 0) {
      this.wire.send(packet);
      return Promise.resolve();
    }
    packet.packetId = this.takeId();
    return new Promise((resolve, reject) => {
      this.pending.set(packet.packetId!, { resolve, reject, qos: m.qos });
      this.wire.send(packet);
    });
  }

  private takeId(): number {
    do this.nextId = this.nextId === 0xffff ? 1 : this.nextId + 1;
    while (this.pending.has(this.nextId));
    return this.nextId;
  }

  private ping(): void {
    if (this.pongDue) {
      this.close();
      return;
    }
    this.pongDue = true;
    this.wire.send({ type: 'pingreq' });
  }

  private onPacket(p: Packet): void {
    switch (p.type) {
      case 'publish': return this.onPublish(p);
      case 'puback':
      case 'pubcomp': {
        const w = this.pending.get(p.packetId);
        if (w === undefined) return;
        this.pending.delete(p.packetId);
        if ((p.reasonCode ?? 0) >= 0x80) w.reject(new Error(`refused with reason code ${p.reasonCode}`));
        else w.resolve();
        return;
      }
      case 'pubrec': {
        const w = this.pending.get(p.packetId);
        if (w !== undefined && (p.reasonCode ?? 0) >= 0x80) {
          this.pending.delete(p.packetId);
          w.reject(new Error(`refused with reason code ${p.reasonCode}`));
          return;
        }
        this.wire.send({ type: 'pubrel', packetId: p.packetId });
        return;
      }
      case 'pubrel':
        this.incoming.delete(p.packetId);
        this.wire.send({ type: 'pubcomp', packetId: p.packetId });
        return;
      case 'pingresp':
        this.pongDue = false;
        return;
      case 'disconnect':
        this.close();
        return;
      default: {
        const w = this.waiting.get(p.type);
        this.waiting.delete(p.type);
        w?.(p);
      }
    }
  }

  private onPublish(p: PublishPacket): void {
    const id = p.packetId;
    if (p.qos === 2 && this.incoming.has(id!)) {
      this.wire.send({ type: 'pubrec', packetId: id! });
      return;
    }
    let acked = false;
    this.events.message(p, () => {
      if (acked || this.closed) return;
      acked = true;
      if (p.qos === 1) this.wire.send({ type: 'puback', packetId: id! });
      else if (p.qos === 2) {
        this.incoming.add(id!);
        this.wire.send({ type: 'pubrec', packetId: id! });
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pinger !== undefined) clearInterval(this.pinger);
    if (!this.wire.isClosed) {
      this.wire.send({ type: 'disconnect' });
      this.wire.close();
    }
  }

  private onClose(): void {
    this.closed = true;
    if (this.pinger !== undefined) clearInterval(this.pinger);
    for (const w of this.pending.values()) w.reject(new Error('connection lost'));
    this.pending.clear();
    this.events.close();
  }
}
