// -d: libmosquitto's log lines on stdout, in the order mosquitto's clients print them.
// Three things the packets alone do not give:
// - libmosquitto numbers every outgoing message, QoS 0 included, from the counter its
//   packet ids come from: `pub -l` at QoS 0 logs m1, m2 ... where the wire has no id;
// - it acknowledges a QoS 1/2 PUBLISH before the message callback runs, so "sending
//   PUBACK" comes before the payload (our engine delivers first): sub hands its print
//   to afterAck();
// - after "sending DISCONNECT" it closes the socket and logs nothing more, where our
//   engine still reads until the server closes.
import type { Packet, PublishPacket } from '../codec/types.js';
import { formatDebugLines } from '../format/debug-log.js';
import type { Terminal } from '../term/terminal.js';
import type { PacketTap } from '../wire/connection.js';

export class DebugTap {
  private lastMid = 0;
  private disconnected = false;
  private readonly waiting = new Map<number, () => void>();

  /** `clientId` names the client in each line (the server may assign one). */
  constructor(
    private readonly term: Terminal,
    private readonly clientId: (packet: Packet) => string,
  ) {}

  readonly tap: PacketTap = (direction, _raw, packet) => {
    if (!packet || (direction === 'in' && this.disconnected)) return;
    let shown = packet;
    if (direction === 'out') {
      if (packet.type === 'disconnect') this.disconnected = true;
      if (packet.type === 'publish' && packet.qos === 0) {
        this.lastMid = (this.lastMid % 0xffff) + 1;
        shown = { ...packet, packetId: this.lastMid };
      } else if ((packet.type === 'publish' && !packet.dup) || packet.type === 'subscribe' || packet.type === 'unsubscribe') {
        this.lastMid = packet.packetId ?? this.lastMid;
      }
    }
    for (const line of formatDebugLines(direction, shown, this.clientId(packet))) this.term.stdout.write(`${line}\n`);
    if (direction === 'out' && (packet.type === 'puback' || packet.type === 'pubrec')) this.release(packet.packetId);
  };

  /**
   * Runs `print` for a received message where mosquitto prints it: QoS 0 at once, QoS 1/2
   * after the line of its PUBACK/PUBREC (or, should none be sent, in the next microtask).
   */
  afterAck(packet: PublishPacket, print: () => void): void {
    const id = packet.packetId;
    if (packet.qos === 0 || id === undefined) {
      print();
      return;
    }
    this.release(id);
    this.waiting.set(id, print);
    queueMicrotask(() => this.release(id));
  }

  private release(id: number): void {
    const print = this.waiting.get(id);
    if (!print) return;
    this.waiting.delete(id);
    print();
  }
}
