// Topic aliases the server sends us (MQTT 5 §3.3.2.3.4). An alias is valid from 1 to
// the Topic Alias Maximum we sent in CONNECT [MQTT-3.3.2-9]; a PUBLISH with a topic
// and an alias (re)binds it, one with an empty topic uses the binding [MQTT-3.3.2-12].
import { ReasonCode } from '../codec/constants.js';
import { MqttError } from '../codec/errors.js';

export class InboundTopicAliases {
  private readonly map = new Map<number, string>();
  constructor(private readonly maximum: number) {}

  /** The topic to deliver under; throws MqttError 0x94 for an invalid or unknown alias. */
  resolve(topic: string, alias: number | undefined): string {
    if (alias === undefined) return topic;
    if (alias === 0 || alias > this.maximum) {
      throw new MqttError(ReasonCode.TopicAliasInvalid, `Topic alias ${alias} is outside 1..${this.maximum} [MQTT-3.3.2-9]`);
    }
    if (topic.length > 0) {
      this.map.set(alias, topic);
      return topic;
    }
    const bound = this.map.get(alias);
    if (bound === undefined) throw new MqttError(ReasonCode.ProtocolError, `Topic alias ${alias} used before it was set [MQTT-3.3.2-12]`);
    return bound;
  }
}

/**
 * Outbound aliases chosen by the user (mosquitto's `-D publish topic-alias N`): the first
 * publish sends topic + alias, later ones on the same topic send only the alias.
 */
export class OutboundTopicAliases {
  private readonly map = new Map<number, string>();
  constructor(private readonly maximum: number) {}

  /** Returns the topic to put on the wire ('' when the alias already stands for it). */
  apply(topic: string, alias: number): string {
    if (alias === 0 || alias > this.maximum) {
      throw new MqttError(ReasonCode.TopicAliasInvalid, `Topic alias ${alias} is more than the server allows (${this.maximum}) [MQTT-3.3.2-8]`);
    }
    if (this.map.get(alias) === topic) return '';
    this.map.set(alias, topic);
    return topic;
  }
}
