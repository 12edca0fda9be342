// Session state [MQTT-4.1]: what survives the connection when the session does not
// expire with it. Subscriptions, QoS 1/2 messages sent and not yet acknowledged, messages
// waiting for room in the client's receive window (or for the client to come back),
// and the Packet Identifiers of QoS 2 messages received but not yet released.
// Collections are created on first use: an idle connection holds none of them.
import type { QoS } from '../codec/types.js';
import type { BrokerMessage } from './message.js';
import type { Security } from './security.js';
import type { Subscriber } from './subscriptions.js';
import type { LongTimer } from './timers.js';

export type DeliveryState = 'queued' | 'sent' | 'released';

export interface Delivery {
  readonly msg: BrokerMessage;
  readonly qos: QoS;
  readonly retain: boolean;
  readonly subscriptionIds: number[] | undefined;
  /** 0 until the message is sent (ids are taken only for messages in flight). */
  packetId: number;
  /** sent: PUBLISH out, waiting for PUBACK/PUBREC; released: PUBREL out, waiting for PUBCOMP. */
  state: DeliveryState;
  /**
   * A retained message sent because of a new subscription: streamed as the client reads,
   * outside max_queued_messages / max_queued_bytes (its payload belongs to the retained store).
   */
  readonly streamed?: boolean;
}

/** What a session needs of the connection that currently holds it. */
export interface SessionLink {
  readonly clientId: string;
}

export class Session {
  subscriptions: Map<string, Subscriber<Session>> | undefined;
  /** In-flight QoS 1/2 deliveries by Packet Identifier, oldest first (Map keeps insertion order). */
  inflight: Map<number, Delivery> | undefined;
  /** Deliveries waiting to be sent, oldest first; `queueHead` is the index of the first. */
  queue: Delivery[] | undefined;
  queueHead = 0;
  /** Queued deliveries that are streamed retained messages (see Delivery.streamed). */
  streamedQueued = 0;
  /** Payload bytes of queued (not streamed) and in-flight deliveries, for max_queued_bytes. */
  heldBytes = 0;
  /** QoS 2 Packet Identifiers received (PUBREC sent), not yet released by PUBREL [MQTT-4.3.3-8]. */
  incoming: Set<number> | undefined;
  /** Session Expiry Interval in seconds; 0xFFFFFFFF never expires [MQTT-3.1.2-23]. */
  expiryInterval = 0;
  expiryTimer: LongTimer | undefined;
  /** User name of the last connection that held the session (for read ACLs while offline). */
  username: string | undefined;
  /** The security scope of the listener the session was last held through (its read ACL while offline). */
  security: Security | undefined;
  /** Held by one of the broker's own clients (a bridge): read ACLs do not apply. */
  trusted = false;
  /** A will waiting for its Will Delay Interval [MQTT-3.1.3-9]. */
  pendingWill: { timer: LongTimer; publish: () => void } | undefined;
  /** The connection currently attached, if any. */
  link: SessionLink | undefined;
  /** Changed since persistence last saved it (queue, in-flight, incoming, subscriptions). */
  dirty = false;
  /** Set when the session has been discarded (late callbacks must not revive it). */
  ended = false;
  private lastId = 0;
  /** Per-publish merge of overlapping subscriptions (see router.ts). */
  matchGen = 0;
  matchQos: QoS = 0;
  matchRetain = false;
  matchIds: number[] | undefined;

  constructor(readonly clientId: string) {}

  get queued(): number {
    return this.queue === undefined ? 0 : this.queue.length - this.queueHead;
  }

  get inflightCount(): number {
    return this.inflight === undefined ? 0 : this.inflight.size;
  }

  /** Queued deliveries that count against max_queued_messages. */
  get backlog(): number {
    return this.queued - this.streamedQueued;
  }

  push(d: Delivery): void {
    this.dirty = true;
    if (d.streamed) this.streamedQueued++;
    else this.heldBytes += d.msg.payload.length;
    (this.queue ??= []).push(d);
  }

  peek(): Delivery | undefined {
    return this.queue?.[this.queueHead];
  }

  shift(): Delivery | undefined {
    const q = this.queue;
    if (q === undefined || this.queueHead >= q.length) return undefined;
    const d = q[this.queueHead]!;
    this.dirty = true;
    // Clamped: a session restored from persistence starts its counts at 0.
    if (d.streamed) this.streamedQueued = Math.max(0, this.streamedQueued - 1);
    else this.heldBytes = Math.max(0, this.heldBytes - d.msg.payload.length);
    q[this.queueHead++] = undefined as unknown as Delivery;
    if (this.queueHead === q.length) {
      this.queue = undefined;
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > q.length) {
      this.queue = q.slice(this.queueHead);
      this.queueHead = 0;
    }
    return d;
  }


  /** Drops every queued and in-flight delivery (the session ends). */
  dropMessages(): void {
    this.queue = undefined;
    this.queueHead = 0;
    this.inflight = undefined;
    this.streamedQueued = 0;
    this.heldBytes = 0;
  }

  /** Puts a delivery in flight under a fresh Packet Identifier [MQTT-2.2.1-3]. */
  takeoff(d: Delivery): void {
    const inflight = (this.inflight ??= new Map());
    let id = this.lastId;
    do id = id === 0xffff ? 1 : id + 1;
    while (inflight.has(id));
    this.lastId = id;
    this.dirty = true;
    d.packetId = id;
    d.state = 'sent';
    this.heldBytes += d.msg.payload.length;
    inflight.set(id, d);
  }

  /** PUBREC answered our QoS 2 PUBLISH: PUBREL goes out next [MQTT-4.3.3-3]. */
  release(d: Delivery): void {
    this.dirty = true;
    d.state = 'released';
  }

  /** A QoS 2 message from the client was accepted: remember its id until PUBREL [MQTT-4.3.3-8]. */
  holdIncoming(packetId: number): void {
    this.dirty = true;
    (this.incoming ??= new Set()).add(packetId);
  }

  /** PUBREL from the client: forgets the id; false when it was not held. */
  releaseIncoming(packetId: number): boolean {
    const known = this.incoming?.delete(packetId) ?? false;
    if (known) this.dirty = true;
    if (this.incoming?.size === 0) this.incoming = undefined;
    return known;
  }

  land(packetId: number): Delivery | undefined {
    const d = this.inflight?.get(packetId);
    if (d !== undefined) {
      this.dirty = true;
      this.heldBytes = Math.max(0, this.heldBytes - d.msg.payload.length);
      this.inflight!.delete(packetId);
      if (this.inflight!.size === 0) this.inflight = undefined;
    }
    return d;
  }
}
