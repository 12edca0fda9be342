// LoginBound: the bytes a WebSocket connection may deliver before login (issue 11), on a
// fake socket: closed when the first packet is too large, paused (not closed) while the
// CONNECT is being authenticated, resumed at login unless ws itself wants it paused.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LoginBound } from '../../src/broker/login-bound.js';

class FakeSocket extends EventEmitter {
  paused = false;
  destroyed = false;
  pause(): this {
    this.paused = true;
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  feed(bytes: number): void {
    this.emit('data', Buffer.alloc(bytes));
  }
}

const aTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

function bound(limit = 1000, wsPaused = false) {
  const socket = new FakeSocket();
  let tooLarge = 0;
  const b = new LoginBound(socket as unknown as Socket, limit, () => wsPaused, () => tooLarge++);
  return { socket, b, tooLarge: () => tooLarge };
}

describe('LoginBound (WebSocket bytes before login)', () => {
  it('leaves a connection alone while it stays within the bound', async () => {
    const { socket, tooLarge } = bound();
    socket.feed(600);
    socket.feed(400);
    await aTurn();
    expect(socket.paused).toBe(false);
    expect(tooLarge()).toBe(0);
  });

  it('closes a connection whose bytes before CONNECT exceed the bound, a turn later', async () => {
    const { socket, tooLarge } = bound();
    socket.feed(1001);
    expect(socket.paused).toBe(true);
    expect(tooLarge()).toBe(0);
    await aTurn();
    expect(tooLarge()).toBe(1);
  });

  it('does not close when the chunk that crossed the bound also completed the CONNECT', async () => {
    const { socket, b, tooLarge } = bound();
    socket.feed(5000);
    b.connectReceived(); // the CONNECT reached the broker later in the same turn
    await aTurn();
    expect(tooLarge()).toBe(0);
    expect(socket.paused).toBe(true);
  });

  it('pauses (does not close) while the CONNECT is authenticated, and resumes at login', async () => {
    const { socket, b, tooLarge } = bound();
    socket.feed(200);
    b.connectReceived();
    socket.feed(2000);
    await aTurn();
    expect(socket.paused).toBe(true);
    // ws resumed it for its own reasons: the next chunk pauses it again.
    socket.resume();
    socket.feed(100);
    expect(socket.paused).toBe(true);
    b.loggedIn();
    expect(socket.paused).toBe(false);
    expect(tooLarge()).toBe(0);
  });

  it('stops counting at login', async () => {
    const { socket, b, tooLarge } = bound();
    b.connectReceived();
    b.loggedIn();
    socket.feed(1_000_000);
    await aTurn();
    expect(socket.paused).toBe(false);
    expect(tooLarge()).toBe(0);
    expect(socket.listenerCount('data')).toBe(0);
  });

  it('leaves the socket paused at login when ws holds it for its own backpressure', () => {
    const { socket, b } = bound(1000, true);
    b.connectReceived();
    socket.feed(2000);
    b.loggedIn();
    expect(socket.paused).toBe(true);
  });
});
