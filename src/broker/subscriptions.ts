// The subscription tree: topic filters stored level by level, so matching a topic walks
// at most the levels of the topic (times the '+'/'#' branches) instead of scanning
// every subscription. Shared subscriptions `$share/{group}/{filter}` sit at the node of
// their filter, one group per name, and each message goes to one member, round robin
// [MQTT-4.8.2].
import type { QoS } from '../codec/types.js';
import { splitShared } from '../topic/shared.js';

export interface SubscriptionOptions {
  qos: QoS;
  noLocal: boolean;
  retainAsPublished: boolean;
  retainHandling: 0 | 1 | 2;
  /** MQTT 5 Subscription Identifier [MQTT-3.8.2.1.2]. */
  subscriptionId: number | undefined;
}

export interface Subscriber<O> extends SubscriptionOptions {
  readonly owner: O;
  /** The filter as the client sent it, `$share/...` included. */
  readonly filter: string;
  /** The filter without the `$share/{group}/` prefix. */
  readonly topicFilter: string;
  readonly shareGroup: string | undefined;
}

interface SharedGroup<O> {
  members: Map<string, Subscriber<O>>;
  order: Array<Subscriber<O>>;
  next: number;
}

class TreeNode<O> {
  children: Map<string, TreeNode<O>> | undefined;
  subs: Map<string, Subscriber<O>> | undefined;
  shared: Map<string, SharedGroup<O>> | undefined;

  isEmpty(): boolean {
    return !this.children?.size && !this.subs?.size && !this.shared?.size;
  }
}


/** Chooses which member of a shared group receives a message; default: plain round robin. */
export type SharedPicker<O> = (order: ReadonlyArray<Subscriber<O>>, start: number) => number;

export class SubscriptionTree<O> {
  private readonly root = new TreeNode<O>();
  private total = 0;

  constructor(private readonly pick: SharedPicker<O> = (_o, start) => start) {}

  get size(): number {
    return this.total;
  }

  /** Adds or replaces the subscription of `key` (the client id) on `sub.filter`; returns the one replaced. */
  add(key: string, sub: Subscriber<O>): Subscriber<O> | undefined {
    let node = this.root;
    for (const level of sub.topicFilter.split('/')) {
      node.children ??= new Map();
      let child = node.children.get(level);
      if (child === undefined) {
        child = new TreeNode<O>();
        node.children.set(level, child);
      }
      node = child;
    }
    let previous: Subscriber<O> | undefined;
    if (sub.shareGroup === undefined) {
      node.subs ??= new Map();
      previous = node.subs.get(key);
      node.subs.set(key, sub);
    } else {
      node.shared ??= new Map();
      let group = node.shared.get(sub.shareGroup);
      if (group === undefined) {
        group = { members: new Map(), order: [], next: 0 };
        node.shared.set(sub.shareGroup, group);
      }
      previous = group.members.get(key);
      group.members.set(key, sub);
      group.order = [...group.members.values()];
    }
    if (previous === undefined) this.total++;
    return previous;
  }

  /** Removes the subscription of `key` on `filter` (full filter, `$share/` included). */
  remove(key: string, filter: string): Subscriber<O> | undefined {
    const shared = splitShared(filter);
    const topicFilter = shared ? shared[1] : filter;
    const path: Array<[TreeNode<O>, string]> = [];
    let node = this.root;
    for (const level of topicFilter.split('/')) {
      const child = node.children?.get(level);
      if (child === undefined) return undefined;
      path.push([node, level]);
      node = child;
    }
    let removed: Subscriber<O> | undefined;
    if (shared === undefined) {
      removed = node.subs?.get(key);
      node.subs?.delete(key);
    } else {
      const group = node.shared?.get(shared[0]);
      removed = group?.members.get(key);
      if (group && removed) {
        group.members.delete(key);
        if (group.members.size === 0) node.shared!.delete(shared[0]);
        else group.order = [...group.members.values()];
      }
    }
    if (removed === undefined) return undefined;
    this.total--;
    // Prune empty nodes bottom-up so the tree does not keep dead branches.
    for (let i = path.length - 1; i >= 0 && node.isEmpty(); i--) {
      const [parent, level] = path[i]!;
      parent.children!.delete(level);
      node = parent;
    }
    return removed;
  }

  /**
   * Calls `visit` for every subscription matching `topic` (a Topic Name): plain ones,
   * and one member per matching shared group. Filters starting with a wildcard never
   * match topics starting with '$' [MQTT-4.7.2-1].
   */
  match(topic: string, visit: (sub: Subscriber<O>) => void): void {
    const levels = topic.split('/');
    const dollar = topic.charCodeAt(0) === 0x24;
    // An explicit stack, not recursion: a topic of thousands of levels under '+' filters
    // must not overflow the call stack. Pushing the literal child before '+' pops '+'
    // first, the order the recursive walk had.
    const nodes: Array<TreeNode<O>> = [this.root];
    const depths: number[] = [0];
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const i = depths.pop()!;
      const children = node.children;
      if (i === levels.length) {
        this.emit(node, visit);
        // "a/#" also matches "a" [MQTT-4.7.1-2].
        const hash = children?.get('#');
        if (hash !== undefined) this.emit(hash, visit);
        continue;
      }
      if (children === undefined) continue;
      if (i > 0 || !dollar) {
        const hash = children.get('#');
        if (hash !== undefined) this.emit(hash, visit);
      }
      const child = children.get(levels[i]!);
      if (child !== undefined) {
        nodes.push(child);
        depths.push(i + 1);
      }
      const plus = i > 0 || !dollar ? children.get('+') : undefined;
      if (plus !== undefined) {
        nodes.push(plus);
        depths.push(i + 1);
      }
    }
  }

  private emit(node: TreeNode<O>, visit: (sub: Subscriber<O>) => void): void {
    if (node.subs !== undefined) for (const sub of node.subs.values()) visit(sub);
    if (node.shared !== undefined) {
      for (const group of node.shared.values()) {
        const n = group.order.length;
        const at = this.pick(group.order, group.next % n);
        group.next = (at + 1) % n;
        visit(group.order[at]!);
      }
    }
  }
}
