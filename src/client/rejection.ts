// A server that closes the connection, silently, right after the same first packet
// twice running refuses that packet (e.g. a topic it finds malformed): resending it on
// every reconnect would hang the user forever, so the second time is a failure to report.
import type { Packet } from '../codec/types.js';
import { ClientError } from './errors.js';

/** Connections that closed right after CONNACK, for the same packet, before we give up. */
const STRIKES = 2;

export class RejectionWatch {
  /** What we sent first on this connection, and whether the server sent anything since CONNACK. */
  private firstSent: string | undefined;
  private heard = false;
  private strikes = 0;
  private strikeKey: string | undefined;

  /** A CONNACK accepted a new connection. */
  connected(): void {
    this.firstSent = undefined;
    this.heard = false;
  }

  sent(packet: Packet): void {
    this.firstSent ??= describe(packet);
  }

  received(): void {
    this.heard = true;
  }

  /** The connection was lost: the error to end with, when this loss repeats the last one. */
  lost(): ClientError | undefined {
    const key = this.heard ? undefined : this.firstSent;
    this.strikes = key === undefined ? 0 : key === this.strikeKey ? this.strikes + 1 : 1;
    this.strikeKey = key;
    if (this.strikes < STRIKES) return undefined;
    return new ClientError('rejected', `The server closed the connection right after our ${key}, ${this.strikes} times running: it refuses that packet.`);
  }
}

/** A packet as the error names it: its type and topic(s). */
function describe(packet: Packet): string {
  switch (packet.type) {
    case 'publish':
      return `PUBLISH to ${JSON.stringify(packet.topic)}`;
    case 'subscribe':
      return `SUBSCRIBE to ${packet.subscriptions.map((s) => JSON.stringify(s.topicFilter)).join(', ')}`;
    case 'unsubscribe':
      return `UNSUBSCRIBE from ${packet.topicFilters.map((f) => JSON.stringify(f)).join(', ')}`;
    default:
      return packet.type.toUpperCase();
  }
}
