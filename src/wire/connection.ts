// Framed MQTT packets over any Duplex (TCP, TLS, WebSocket stream, unix socket, or an
// in-memory pair in tests). One write choke point; taps see every packet in and out
// with its raw bytes, which is what --trace prints.
import type { Duplex } from 'node:stream';
import { encode } from '../codec/encode.js';
import { MqttError } from '../codec/errors.js';
import { createParser, type Parser } from '../codec/parser.js';
import type { Packet, ProtocolVersion } from '../codec/types.js';

export type Direction = 'in' | 'out';

/** Sees every packet with its bytes; `packet` is absent for bytes that failed to decode. */
export type PacketTap = (direction: Direction, raw: Buffer, packet: Packet | undefined, error?: MqttError) => void;

export interface WireOptions {
  protocolVersion: ProtocolVersion;
  /** Largest packet we accept; larger ones fail with 0x95 before they are buffered. */
  maxPacketSize?: number;
}

export interface WireHandlers {
  packet(packet: Packet): void;
  /** A malformed packet (MqttError) or a transport error; the stream is destroyed after. */
  error(err: Error): void;
  /**
   * `packet` threw: a bug of ours (or of a library user's listener), not bad input. The
   * stream is closed after. Without this handler it is reported through error().
   */
  internal?(err: unknown): void;
  close(): void;
}

/** Carries a handler's exception out of the parser, so it is not taken for bad input. */
class HandlerFailure {
  constructor(readonly cause: unknown) {}
}

export class WireConnection {
  private readonly parser: Parser;
  private readonly taps: PacketTap[] = [];
  private corked = false;
  private closed = false;
  /** Packets parsed while on hold (see hold()); at most what one chunk held. */
  private held: Packet[] | undefined;
  private holding = false;
  /** Bytes read from and written to the stream (counters for $SYS). */
  bytesIn = 0;
  bytesOut = 0;

  constructor(
    readonly stream: Duplex,
    opts: WireOptions,
    private readonly handlers: WireHandlers,
  ) {
    this.parser = createParser({ protocolVersion: opts.protocolVersion, maxPacketSize: opts.maxPacketSize }, (packet, raw) => {
      for (const tap of this.taps) tap('in', raw, packet);
      if (this.holding) (this.held ??= []).push(packet);
      else this.dispatch(packet);
    });
    stream.on('data', (chunk: Buffer) => this.onData(chunk));
    stream.on('error', (err) => this.fail(err));
    stream.on('close', () => this.onClose());
    stream.on('end', () => stream.end());
  }

  get protocolVersion(): ProtocolVersion {
    return this.parser.protocolVersion;
  }

  setProtocolVersion(v: ProtocolVersion): void {
    this.parser.setProtocolVersion(v);
  }

  /** The size limit for packets that follow (a broker: small before CONNECT, its own after). */
  setMaxPacketSize(max: number | undefined): void {
    this.parser.setMaxPacketSize(max);
  }

  addTap(tap: PacketTap): void {
    this.taps.push(tap);
  }

  /**
   * Encodes and writes one packet. Writes in the same tick are corked into one
   * syscall. Returns false when the stream's buffer is full: await drained().
   */
  send(packet: Packet): boolean {
    const bytes = encode(packet, this.parser.protocolVersion);
    return this.sendRaw(bytes, packet);
  }

  /** Writes bytes already encoded (e.g. one PUBLISH fanned out to many clients). */
  sendRaw(bytes: Buffer, packet?: Packet): boolean {
    if (this.closed || this.stream.writableEnded) return false;
    for (const tap of this.taps) tap('out', bytes, packet);
    this.bytesOut += bytes.length;
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      process.nextTick(() => this.flush());
    }
    return this.stream.write(bytes);
  }

  /**
   * Stops handing packets to the handler: the stream is paused and packets already
   * read are kept (at most the rest of the current chunk) until release(). The broker
   * uses it for backpressure and while a CONNECT is being authenticated.
   */
  hold(): void {
    if (this.holding || this.closed) return;
    this.holding = true;
    this.stream.pause();
  }

  /** Hands over the packets kept by hold() (stopping again if the handler holds), then resumes reading. */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    const held = this.held;
    try {
      while (held !== undefined && held.length > 0 && !this.holding && !this.closed) this.dispatch(held.shift()!);
    } catch (err) {
      if (!(err instanceof HandlerFailure)) throw err;
      this.failInternal(err.cause);
      return;
    }
    if (this.holding) return;
    this.held = undefined;
    if (!this.closed) this.stream.resume();
  }

  get isHeld(): boolean {
    return this.holding;
  }

  get needsDrain(): boolean {
    return this.stream.writableNeedDrain;
  }

  drained(): Promise<void> {
    if (!this.stream.writableNeedDrain || this.closed) return Promise.resolve();
    return this.untilOrClose('drain');
  }

  /**
   * Half-closes after pending writes (the peer sees EOF), then closes on the peer's EOF.
   * Resolves once everything written is handed to the OS (or the stream closed): from
   * then on the kernel delivers it even if this process exits.
   */
  end(): Promise<void> {
    if (this.closed || this.stream.writableFinished) return Promise.resolve();
    const flushed = this.untilOrClose('finish');
    this.stream.end();
    return flushed;
  }

  /** Resolves on the stream's next `event`, or when it closes first. */
  private untilOrClose(event: 'drain' | 'finish'): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off(event, done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on(event, done);
      this.stream.on('close', done);
    });
  }

  destroy(err?: Error): void {
    this.stream.destroy(err);
  }

  /**
   * Closes now, without waiting for the peer's EOF: what was sent goes out first (end),
   * then the stream is destroyed on the next turn (a peer that never closes cannot hold it).
   */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.stream.end();
    setImmediate(() => this.stream.destroy());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.bytesIn += chunk.length;
    try {
      this.parser.push(chunk);
    } catch (err) {
      if (err instanceof HandlerFailure) {
        this.failInternal(err.cause);
        return;
      }
      if (err instanceof MqttError) {
        for (const tap of this.taps) tap('in', err.raw ?? Buffer.alloc(0), undefined, err);
      }
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * Only decoding is guarded as bad input; an exception from the handler leaves the
   * parser as a HandlerFailure (see onData) when someone handles internal errors. A
   * handler's MqttError stays bad input: it is how a handler rejects a packet that
   * decoded but breaks the protocol (e.g. an unknown topic alias).
   */
  private dispatch(packet: Packet): void {
    if (!this.handlers.internal) {
      this.handlers.packet(packet);
      return;
    }
    try {
      this.handlers.packet(packet);
    } catch (err) {
      throw err instanceof MqttError ? err : new HandlerFailure(err);
    }
  }

  private failInternal(cause: unknown): void {
    if (this.closed) return;
    this.handlers.internal!(cause);
    this.close();
  }

  private fail(err: Error): void {
    if (this.closed) return;
    // The handler may send a last packet (a v5 DISCONNECT with the reason); flush it
    // before closing, since destroy() drops what is still corked.
    this.handlers.error(err);
    this.close();
  }

  private flush(): void {
    if (this.corked) {
      this.corked = false;
      this.stream.uncork();
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.close();
  }
}
