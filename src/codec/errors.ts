// Malformed or illegal packets are reported with the MQTT 5 reason code the spec
// prescribes: 0x81 Malformed Packet or 0x82 Protocol Error [MQTT-4.13], 0x95 Packet
// too large, 0x97 Quota exceeded, etc. The message names the rule that was broken.
// Spec ids: packet rules that 3.1.1 already had use 3.1.1's numbering; the data types
// (§1.5: UTF-8, Variable Byte Integer), properties and reason codes use 5.0's, as do
// 5.0-only rules. "5.0 [MQTT-x]" marks a 5.0 id where the two specs number the same rule
// differently; "§x.y" cites a section that has no id for the rule.

import { ReasonCode } from './constants.js';

export class MqttError extends Error {
  readonly reasonCode: number;
  /** The offending packet's bytes as far as they were received, when a parser raised it (for traces). */
  raw: Buffer | undefined;
  constructor(reasonCode: number, message: string) {
    super(message);
    this.name = 'MqttError';
    this.reasonCode = reasonCode;
  }
}

/** 0x81 Malformed Packet: the bytes cannot be parsed as the spec lays them out. */
export function malformed(message: string): MqttError {
  return new MqttError(ReasonCode.MalformedPacket, message);
}

/** 0x90 Topic Name invalid: a wildcard in a Topic Name [MQTT-3.3.2-2] (a well-formed packet the receiver cannot accept). */
export function topicNameInvalid(message: string): MqttError {
  return new MqttError(0x90, message);
}

/** 0x82 Protocol Error: the bytes parse, but break a rule of the spec. */
export function protocolError(message: string): MqttError {
  return new MqttError(ReasonCode.ProtocolError, message);
}
