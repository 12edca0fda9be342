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
    this.walk(filter.split('/'), out);
    const live = out.filter((m) => !isExpired(m, now));
    if (live.length !== out.length) for (const m of out) if (isExpired(m, now)) this.delete(m.topic.split('/'));
    return live;
  }

  /** Every retained message (for persistence). */
  all(): BrokerMessage[] {
    const out: BrokerMessage[] = [];
    collect(this.root, out, false);
    return out;
  }

  /**
   * The nodes `filter` reaches, with an explicit stack: a retained topic of thousands of
   * levels must not overflow the call stack of every `#` subscriber.
   */
  private walk(filter: string[], out: BrokerMessage[]): void {
    const nodes: RetainNode[] = [this.root];
    const depths: number[] = [0];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const i = depths.pop()!;
      if (i === filter.length) {
        if (node.message !== undefined) out.push(node.message);
        continue;
      }
      const level = filter[i]!;
      const children = node.children;
      // Wildcards at the first level never match '$' topics [MQTT-4.7.2-1].
      if (level === '#') {
        if (node.message !== undefined && i > 0) out.push(node.message);
        if (children) for (const [name, child] of children) if (i > 0 || !name.startsWith('$')) collect(child, out, true);
        continue;
      }
      if (children === undefined) continue;
      if (level === '+') {
        // Reversed onto the stack, so the children come out in insertion order.
        const matching = [...children].filter(([name]) => i > 0 || !name.startsWith('$'));
        for (let k = matching.length - 1; k >= 0; k--) {
          nodes.push(matching[k]![1]);
          depths.push(i + 1);
        }
        continue;
      }
      const child = children.get(level);
      if (child !== undefined) {
        nodes.push(child);
        depths.push(i + 1);
      }
    }
  }
}

/** Every message at and below `node` (`self`: the node's own too), depth first, without recursion. */
function collect(node: RetainNode, out: BrokerMessage[], self: boolean): void {
  if (self && node.message !== undefined) out.push(node.message);
  const stack: Array<Iterator<RetainNode>> = [];
  if (node.children) stack.push(node.children.values());
  while (stack.length > 0) {
    const next = stack[stack.length - 1]!.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const child = next.value;
    if (child.message !== undefined) out.push(child.message);
    if (child.children) stack.push(child.children.values());
  }
}
