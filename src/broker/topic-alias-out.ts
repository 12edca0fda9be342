// Topic aliases the broker uses towards one MQTT 5 client, within the Topic Alias Maximum
// the client announced in CONNECT (none when it announced none or 0) [MQTT-3.3.2-11]
// [MQTT-3.1.2-26]. The first PUBLISH of a topic carries the topic and a new alias; later
// ones carry an empty topic and the alias [MQTT-3.3.2-12]. When every alias is taken,
// the one least recently used is given to the new topic, so the topics sent most keep
// theirs. One map per network connection: aliases do not survive it [MQTT-3.3.2-10].

/** Topics this short gain nothing: the alias property costs 3 bytes. */
const MIN_TOPIC_LENGTH = 4;

export interface AliasUse {
  alias: number;
  /** The client already has this alias for the topic: the topic can be left out. */
  known: boolean;
}

export class OutboundAliases {
  /** topic → alias, least recently used first (a Map keeps insertion order). */
  private readonly byTopic = new Map<string, number>();

  constructor(readonly maximum: number) {}

  /** The alias to send `topic` with, or undefined to send it without one. */
  use(topic: string): AliasUse | undefined {
    const alias = this.byTopic.get(topic);
    if (alias !== undefined) {
      this.byTopic.delete(topic);
      this.byTopic.set(topic, alias);
      return { alias, known: true };
    }
    if (topic.length < MIN_TOPIC_LENGTH || this.maximum === 0) return undefined;
    let fresh = this.byTopic.size + 1;
    if (fresh > this.maximum) {
      const [oldest, reused] = this.byTopic.entries().next().value as [string, number];
      this.byTopic.delete(oldest);
      fresh = reused;
    }
    this.byTopic.set(topic, fresh);
    return { alias: fresh, known: false };
  }

  /** The PUBLISH that would have told the client a new alias was not sent: forget it. */
  forget(topic: string): void {
    this.byTopic.delete(topic);
  }
}
