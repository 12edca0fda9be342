// A scripted MQTT peer over an in-memory duplex pair: the engine under test gets one
// end, the test drives the other with packets (arch rule 6: everything that talks to
// a peer accepts a Duplex).
import type { Duplex } from 'node:stream';
import { encode } from '../../src/codec/encode.js';
import { createParser } from '../../src/codec/parser.js';
import type { Packet, ProtocolVersion } from '../../src/codec/types.js';
import { duplexPair } from '../../src/wire/duplex-pair.js';

export { duplexPair };

export class ScriptedPeer {
  private readonly received: Packet[] = [];
  private readonly waiters: Array<(p: Packet) => void> = [];
  readonly closed: Promise<void>;

  constructor(
    readonly stream: Duplex,
    private version: ProtocolVersion = 4,
  ) {
    const parser = createParser({ protocolVersion: version }, (packet) => {
      if (packet.type === 'connect') {
        parser.setProtocolVersion(packet.protocolVersion);
        this.version = packet.protocolVersion;
      }
      const w = this.waiters.shift();
      if (w) w(packet);
      else this.received.push(packet);
    });
    stream.on('data', (chunk: Buffer) => parser.push(chunk));
    this.closed = new Promise((resolve) => {
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
    });
  }

  /** The next packet from the engine (waits for it). */
  next(): Promise<Packet> {
    const p = this.received.shift();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next packet, or undefined when none comes within `ms` (the wait is withdrawn). */
  nextWithin(ms: number): Promise<Packet | undefined> {
    const p = this.received.shift();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => {
      const waiter = (packet: Packet): void => {
        clearTimeout(timer);
        resolve(packet);
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(undefined);
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /** The next packet, which must be of this type. */
  async expect<T extends Packet['type']>(type: T): Promise<Extract<Packet, { type: T }>> {
    const p = await this.next();
    if (p.type !== type) throw new Error(`expected ${type}, got ${p.type}: ${JSON.stringify(p)}`);
    return p as Extract<Packet, { type: T }>;
  }

  send(packet: Packet): void {
    this.stream.write(encode(packet, this.version));
  }

  sendRaw(bytes: Buffer): void {
    this.stream.write(bytes);
  }

  setVersion(v: ProtocolVersion): void {
    this.version = v;
  }
}
