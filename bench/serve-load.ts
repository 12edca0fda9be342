// Load generators for bench:serve: MQTT clients on raw sockets with the project's codec
// and wire (cork-per-tick writes), so the generator costs the same against every broker.
import { connect as tcpConnect } from 'node:net';
import type { Packet, QoS } from '../src/codec/types.js';
import { WireConnection } from '../src/wire/connection.js';

/** A broker under test, in its own process. */
export interface Broker {
  name: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export class LoadClient {
  private readonly waiters = new Map<string, Array<(p: Packet) => void>>();
  private inflight = 0;
  private nextId = 1;
  private windowWaiter: (() => void) | undefined;
  private idleWaiter: (() => void) | undefined;
  onMessage: ((topic: string, payload: Buffer) => void) | undefined;
  received = 0;
  /** QoS 1/2 publishes acknowledged (PUBACK / PUBCOMP). */
  acked = 0;
  closed = false;

  private constructor(readonly wire: WireConnection, private readonly window: number) {}

  /** `onMessage` is set before CONNECT: a resumed session's messages may come in the CONNACK's chunk. */
  static async connect(port: number, clientId: string, opts: { window?: number; keepalive?: number; clean?: boolean; onMessage?: (topic: string, payload: Buffer) => void } = {}): Promise<LoadClient> {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    let client!: LoadClient;
    const wire = new WireConnection(socket, { protocolVersion: 4 }, {
      packet: (p) => client.onPacket(p),
      error: () => {},
      close: () => {
        client.closed = true;
      },
    });
    client = new LoadClient(wire, opts.window ?? 100);
    client.onMessage = opts.onMessage;
    const connack = client.expect('connack');
    wire.send({ type: 'connect', protocolVersion: 4, clientId, clean: opts.clean ?? true, keepalive: opts.keepalive ?? 60 });
    const ack = await connack;
    if (ack.type !== 'connack' || ack.reasonCode !== 0) throw new Error(`CONNECT refused: ${JSON.stringify(ack)}`);
    return client;
  }

  private expect(type: string): Promise<Packet> {
    return new Promise((resolve) => {
      const list = this.waiters.get(type) ?? [];
      list.push(resolve);
      this.waiters.set(type, list);
    });
  }

  private onPacket(p: Packet): void {
    switch (p.type) {
      case 'publish':
        this.received++;
        this.onMessage?.(p.topic, p.payload);
        if (p.qos === 1) this.wire.sendRaw(Buffer.from([0x40, 2, p.packetId! >> 8, p.packetId! & 0xff]));
        else if (p.qos === 2) this.wire.sendRaw(Buffer.from([0x50, 2, p.packetId! >> 8, p.packetId! & 0xff]));
        return;
      case 'pubrel':
        this.wire.sendRaw(Buffer.from([0x70, 2, p.packetId >> 8, p.packetId & 0xff]));
        return;
      case 'pubrec':
        this.wire.sendRaw(Buffer.from([0x62, 2, p.packetId >> 8, p.packetId & 0xff]));
        return;
      case 'puback':
      case 'pubcomp':
        this.inflight--;
        this.acked++;
        if (this.windowWaiter && this.inflight < this.window) {
          const w = this.windowWaiter;
          this.windowWaiter = undefined;
          w();
        }
        if (this.idleWaiter && this.inflight === 0) {
          const w = this.idleWaiter;
          this.idleWaiter = undefined;
          w();
        }
        return;
      default: {
        const w = this.waiters.get(p.type)?.shift();
        w?.(p);
      }
    }
  }

  async subscribe(filter: string, qos: QoS): Promise<void> {
    const suback = this.expect('suback');
    this.wire.send({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: filter, qos }] });
    await suback;
  }

  /** Publishes, waiting first when the window (QoS > 0) or the socket is full. */
  async publish(topic: string, payload: Buffer, qos: QoS, retain = false): Promise<void> {
    if (qos > 0 && this.inflight >= this.window) await new Promise<void>((r) => (this.windowWaiter = r));
    if (this.wire.needsDrain) await this.wire.drained();
    if (qos === 0) {
      this.wire.send({ type: 'publish', topic, payload, qos, retain, dup: false });
      return;
    }
    const packetId = this.nextId;
    this.nextId = this.nextId === 0xffff ? 1 : this.nextId + 1;
    this.inflight++;
    this.wire.send({ type: 'publish', topic, payload, qos, packetId, retain, dup: false });
  }

  /** Resolves when every QoS 1/2 publish has been acknowledged. */
  idle(): Promise<void> {
    return this.inflight === 0 ? Promise.resolve() : new Promise((r) => (this.idleWaiter = r));
  }

  async ping(): Promise<void> {
    const resp = this.expect('pingresp');
    this.wire.send({ type: 'pingreq' });
    await resp;
  }

  close(): void {
    if (this.closed) return;
    this.wire.send({ type: 'disconnect' });
    this.wire.end();
  }
}

export async function until(fn: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}

/** One line per target: PASS or MISS and what it is. */
export function printChecks(checks: Array<[string, boolean]>): void {
  for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}`);
}

/** Runs a bench's main and exits: 0, or 1 after printing the error. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
