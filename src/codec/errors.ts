// Malformed or illegal packets are reported with the MQTT 5 reason code the spec
// prescribes: 0x81 Malformed Packet or 0x82 Protocol Error [MQTT-4.13], 0x95 Packet
// too large, 0x97 Quota exceeded, etc. The message names the rule that was broken.

export class MqttError extends Error {
  readonly reasonCode: number;
  constructor(reasonCode: number, message: string) {
    super(message);
    this.name = 'MqttError';
    this.reasonCode = reasonCode;
  }
}
