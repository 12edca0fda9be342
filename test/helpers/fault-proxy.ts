// A scripted fault between a client and a real broker: a TCP proxy that frames MQTT in
// both directions and, on the first connection only, swallows the Nth packet of one type
// in one direction and then drops both sides, the way a lost network does it. Later
// connections pass through untouched, so the client's recovery is what gets tested.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createParser } from '../../src/codec/parser.js';
import type { Packet, ProtocolVersion } from '../../src/codec/types.js';

/** 'up': client → broker; 'down': broker → client. */
export type FaultDirection = 'up' | 'down';

export interface Fault {
  direction: FaultDirection;
  type: Packet['type'];
  /** Swallow the nth packet of this type (1-based) on the first connection. */
  nth: number;
}

export interface FaultProxy {
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Whether the fault has happened. */
  readonly fired: boolean;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }, fault: Fault): Promise<FaultProxy> {
  let connections = 0;
  let fired = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    connections++;
    const armed = !fired;
    const broker = connect(target.port, target.host);
    sockets.add(client).add(broker);
    const drop = (): void => {
      client.destroy();
      broker.destroy();
    };
    client.on('close', drop).on('error', drop);
    broker.on('close', drop).on('error', drop);
    client.on('close', () => sockets.delete(client));
    broker.on('close', () => sockets.delete(broker));
    // Packets are parsed only to count and cut; the bytes forwarded are the original ones.
    let version: ProtocolVersion = 4;
    let seen = 0;
    const pipe = (from: Socket, to: Socket, direction: FaultDirection): void => {
      const watched = armed && direction === fault.direction;
      const parser = createParser({ protocolVersion: 5, maxPacketSize: 268_435_460 }, (packet, raw) => {
        if (packet.type === 'connect') {
          version = packet.protocolVersion;
          parser.setProtocolVersion(version);
        }
        if (fired && watched) return;
        if (watched && packet.type === fault.type && ++seen === fault.nth) {
          fired = true;
          // What went before has been written; the swallowed packet and all after it are lost.
          to.end(() => drop());
          return;
        }
        to.write(raw);
      });
      from.on('data', (chunk: Buffer) => {
        parser.setProtocolVersion(version);
        parser.push(chunk);
      });
    };
    pipe(client, broker, 'up');
    pipe(broker, client, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    get connections() {
      return connections;
    },
    get fired() {
      return fired;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
