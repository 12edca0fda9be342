// What every flow needs from the client: the one way to send, the protocol version,
// and the shared packet-id pool. Flows never reach into the client's private state.
import type { Packet, ProtocolVersion } from '../../codec/types.js';
import type { PacketIds } from '../packet-ids.js';

export interface FlowContext {
  send(packet: Packet): boolean;
  readonly protocolVersion: ProtocolVersion;
  readonly ids: PacketIds;
}
