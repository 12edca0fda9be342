// A scripted TCP "broker" that misbehaves on purpose: what mqtk prints and exits with.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encode } from '../../src/codec/encode.js';
import type { Packet } from '../../src/codec/types.js';
import { mqtk } from '../helpers/mqtk.js';

let server: Server | undefined;
afterEach(() => server?.close());

/** Listens once; `script` runs when the client's first bytes (its CONNECT) arrive. */
async function fakeBroker(script: (sock: Socket, send: (p: Packet, v?: 4 | 5) => void) => void): Promise<number> {
  server = createServer((sock) => {
    sock.once('data', () => script(sock, (p, v = 4) => sock.write(encode(p, v))));
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server!.address() as { port: number }).port;
}

describe('when the server misbehaves', () => {
  it('shows a server DISCONNECT with its reason and exits with the reason code (MQTT 5)', async () => {
    const port = await fakeBroker((sock, send) => {
      send({ type: 'connack', sessionPresent: false, reasonCode: 0 }, 5);
      setTimeout(() => {
        send({ type: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'another client took over' } }, 5);
        sock.end();
      }, 50);
    });
    const r = await mqtk(['sub', '-h', '127.0.0.1', '-p', String(port), '-t', 'x', '-V', '5']);
    expect(r.stderr).toBe('Error: The server disconnected us: Session taken over (0x8e): another client took over.\n');
    expect(r.status).toBe(0x8e);
  });

  it('marks a malformed packet in the trace and exits with a protocol error', async () => {
    const port = await fakeBroker((sock, send) => {
      send({ type: 'connack', sessionPresent: false, reasonCode: 0 });
      // SUBACK never comes; a PUBLISH with QoS 3 does [MQTT-3.3.1-4].
      setTimeout(() => sock.write(Buffer.from([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01])), 50);
    });
    const r = await mqtk(['sub', '-h', '127.0.0.1', '-p', String(port), '-t', 'x', '--trace']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/MALFORMED/);
    expect(r.stderr).toMatch(/QoS 3|0x81/);
    // The bad packet's own bytes are dumped, annotated up to the field that broke.
    expect(r.stderr).toMatch(/← PUBLISH \(7 bytes\)\n {2}0000 {2}36 .*QoS=3/);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^Error: Protocol error from the server: .*QoS/);
  });

  it('times out when the server never answers CONNECT', async () => {
    const port = await fakeBroker(() => {});
    const r = await mqtk(['pub', '-h', '127.0.0.1', '-p', String(port), '-t', 'x', '-m', 'x', '--connect-timeout', '1']);
    expect(r.stderr).toBe('Error: No CONNACK received in time.\n');
    expect(r.status).toBe(27);
  });

  it('times out when a SOCKS proxy accepts but never answers the handshake', async () => {
    const proxy = await fakeBroker(() => {}); // accepts, reads, says nothing
    const r = await mqtk(['pub', '-h', 'broker.invalid', '-p', '1', '--proxy', `socks5h://127.0.0.1:${proxy}`, '-t', 'x', '-m', 'x', '--connect-timeout', '1']);
    expect(r.stderr).toBe('Error: Timed out while connecting.\n');
    expect(r.status).toBe(27);
  });

  it('reports a refused CONNECT with mosquitto\'s v3 text and the return code as status', async () => {
    const port = await fakeBroker((sock, send) => {
      send({ type: 'connack', sessionPresent: false, reasonCode: 4 });
      sock.end();
    });
    const r = await mqtk(['pub', '-h', '127.0.0.1', '-p', String(port), '-t', 'x', '-m', 'x']);
    // mosquitto_pub adds the error its loop ended with (mosquitto_strerror(MOSQ_ERR_CONN_REFUSED)).
    expect(r.stderr).toBe('Connection error: Connection Refused: bad user name or password.\nError: The connection was refused.\n');
    expect(r.status).toBe(4);
  });
});
