// CONNECT → CONNACK [MQTT-3.1.4]. The first packet from the server must be CONNACK
// [MQTT-3.2.0-1]; a failure code means the server closes the connection [MQTT-3.2.2-7].
import type { ConnackPacket, ConnectPacket, Packet } from '../../codec/types.js';
import { ClientError } from '../errors.js';

export interface ConnectWait {
  /** Feed every packet received until the CONNACK. */
  onPacket(packet: Packet): void;
  fail(err: ClientError): void;
  readonly connack: Promise<ConnackPacket>;
}

export function awaitConnack(timeoutMs: number): ConnectWait {
  let resolve!: (p: ConnackPacket) => void;
  let reject!: (e: ClientError) => void;
  const connack = new Promise<ConnackPacket>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const timer = setTimeout(() => reject(new ClientError('timeout', 'No CONNACK received in time.')), timeoutMs);
  const settle = (): void => clearTimeout(timer);
  return {
    connack,
    onPacket(packet) {
      settle();
      if (packet.type !== 'connack') {
        reject(new ClientError('protocol', `Expected CONNACK, received ${packet.type.toUpperCase()} [MQTT-3.2.0-1]`));
        return;
      }
      if (packet.reasonCode !== 0) {
        reject(new ClientError('connack', 'The connection was refused.', { reasonCode: packet.reasonCode, reasonString: packet.properties?.reasonString }));
        return;
      }
      resolve(packet);
    },
    fail(err) {
      settle();
      reject(err);
    },
  };
}

export function connectPacket(cfg: Omit<ConnectPacket, 'type'>): ConnectPacket {
  return { type: 'connect', ...cfg };
}
