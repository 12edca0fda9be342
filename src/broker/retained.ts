// Retained messages, one per topic, stored level by level so a SUBSCRIBE walks only the
// branches its filter can match [MQTT-3.3.1-6]. A retained message with an empty payload
// deletes the topic's message [MQTT-3.3.1-10] and is not stored [MQTT-3.3.1-11].
import { type BrokerMessage, isExpired } from './message.js';

class RetainNode {
  children: Map<string, RetainNode> | undefined;
  message: BrokerMessage | undefined;
}

export class RetainedStore {
  private readonly root = new RetainNode();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Stores `msg` for its topic, or deletes the topic's message when the payload is empty. */
  set(msg: BrokerMessage): void {
    const levels = msg.topic.split('/');
    if (msg.payload.length === 0) {
      this.delete(levels);
      return;
    }
    let node = this.root;
    for (const level of levels) {
      node.children ??= new Map();
      let child = node.children.get(level);
      if (child === undefined) {
        child = new RetainNode();
        node.children.set(level, child);
      }
      node = child;
    }
    if (node.message === undefined) this.count++;
    node.message = msg;
  }

  get(topic: string): BrokerMessage | undefined {
    let node: RetainNode | undefined = this.root;
    for (const level of topic.split('/')) node = node?.children?.get(level);
    return node?.message;
  }

  private delete(levels: string[]): void {
    const path: RetainNode[] = [];
    let node: RetainNode | undefined = this.root;
    for (const level of levels) {
      path.push(node);
      node = node.children?.get(level);
      if (node === undefined) return;
    }
    if (node.message === undefined) return;
    node.message = undefined;
    this.count--;
    for (let i = levels.length - 1; i >= 0; i--) {
      const child = i === levels.length - 1 ? node : path[i + 1]!;
      if (child.message !== undefined || child.children?.size) break;
      path[i]!.children!.delete(levels[i]!);
    }
  }

  /** Retained messages matching `filter` (no `$share/` prefix); expired ones are dropped on the way. */
  match(filter: string, now: number): BrokerMessage[] {
    const out: BrokerMessage[] = [];
    this.walk(this.root, filter.split('/'), 0, out);
    const live = out.filter((m) => !isExpired(m, now));
    if (live.length !== out.length) for (const m of out) if (isExpired(m, now)) this.delete(m.topic.split('/'));
    return live;
  }

  /** Every retained message (for persistence). */
  all(): BrokerMessage[] {
    const out: BrokerMessage[] = [];
    this.collect(this.root, out, false);
    return out;
  }

  private walk(node: RetainNode, filter: string[], i: number, out: BrokerMessage[]): void {
    if (i === filter.length) {
      if (node.message !== undefined) out.push(node.message);
      return;
    }
    const level = filter[i]!;
    const children = node.children;
    // Wildcards at the first level never match '$' topics [MQTT-4.7.2-1].
    if (level === '#') {
      if (node.message !== undefined && i > 0) out.push(node.message);
      if (children) for (const [name, child] of children) if (i > 0 || !name.startsWith('$')) this.collect(child, out, true);
      return;
    }
    if (children === undefined) return;
    if (level === '+') {
      for (const [name, child] of children) if (i > 0 || !name.startsWith('$')) this.walk(child, filter, i + 1, out);
      return;
    }
    const child = children.get(level);
    if (child !== undefined) this.walk(child, filter, i + 1, out);
  }

  private collect(node: RetainNode, out: BrokerMessage[], self: boolean): void {
    if (self && node.message !== undefined) out.push(node.message);
    if (node.children) for (const child of node.children.values()) this.collect(child, out, true);
  }
}
