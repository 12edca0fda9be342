// What a WebSocket connection may make us hold before its client has logged in. On TCP
// the framer refuses a first packet that declares more than max_connect_packet_size, and
// while the CONNECT is authenticated the socket is not read. Over WebSocket, the `ws`
// library buffers a whole message (all its frames) before any byte reaches the framer,
// so neither holds: a stranger could make us buffer a message of up to its maxPayload.
// So the bytes read from the socket are counted until login:
// - before the CONNECT has arrived, more than the bound means the first packet is larger
//   than the bound (what TCP refuses too): the connection is closed at once;
// - while the CONNECT is authenticated (a client need not wait for CONNACK before sending
//   more, §3.1.4), more than the bound pauses the socket until login, as the TCP path
//   holds its reading.
// Once logged in, only ws's maxPayload (the largest packet we accept) applies.
import type { Socket } from 'node:net';

/** What the broker tells a transport about a connection's login (see ConnectionMeta.login). */
export interface LoginWatch {
  /** The CONNECT has been decoded; it is being authenticated. */
  connectReceived(): void;
  /** CONNACK 0 was sent: the client is logged in. */
  loggedIn(): void;
}

/**
 * Bytes of WebSocket framing allowed on top of the CONNECT: frame headers (up to 14 bytes
 * a frame) and a few control frames. A real client sends a CONNECT in one frame or a few.
 */
export const FRAMING_ALLOWANCE = 16 * 1024;

export class LoginBound implements LoginWatch {
  private received = 0;
  private phase: 'connect' | 'auth' | 'open' = 'connect';
  private paused = false;
  private readonly onData = (chunk: Buffer): void => this.count(chunk.length);

  constructor(
    private readonly socket: Socket,
    /** Bytes the socket may deliver before login (the CONNECT bound plus framing). */
    private readonly limit: number,
    /** Whether ws itself wants the socket paused (its own backpressure): then login does not resume it. */
    private readonly wsPaused: () => boolean,
    /** The first packet is too large: close the connection (it is not ours to answer yet). */
    private readonly tooLarge: () => void,
  ) {
    socket.on('data', this.onData);
  }

  connectReceived(): void {
    if (this.phase === 'connect') this.phase = 'auth';
  }

  loggedIn(): void {
    this.phase = 'open';
    this.socket.off('data', this.onData);
    if (this.paused && !this.wsPaused() && !this.socket.destroyed) this.socket.resume();
    this.paused = false;
  }

  private count(bytes: number): void {
    this.received += bytes;
    if (this.received <= this.limit || this.phase === 'open') return;
    // ws may have resumed the socket for its own reasons: pause again, chunk by chunk.
    this.socket.pause();
    if (this.paused) return;
    this.paused = true;
    // Decided a turn later: the CONNECT completed by this very chunk may still be on its
    // way through ws and the stream to the broker.
    // Authenticating, it stays paused until loggedIn().
    setImmediate(() => this.phase === 'connect' && this.tooLarge());
  }
}
