// What the store writes at the next commit for messages and deliveries (see store.ts):
// rows added since the last commit are kept here and written as they are at the commit,
// so a delivery added and put in flight before it is one INSERT, and a message or
// delivery added and removed before it is never written; rows already in the file are
// updated or deleted at the commit.
import type { BrokerMessage } from '../message.js';
import type { Delivery } from '../session.js';
import type { Statement } from './open.js';
import { fromPropertiesJson, STATES } from './records.js';

export interface RowStatements {
  putMessage: Statement;
  dropMessage: Statement;
  putDelivery: Statement;
  setDelivery: Statement;
  dropDelivery: Statement;
}

export class RowBuffer {
  /** Rows never written: added and removed between two commits. */
  skipped = 0;
  private readonly newMessages = new Map<number, BrokerMessage>();
  private readonly newDeliveries = new Map<number, { clientId: string; messageId: number; d: Delivery }>();
  private readonly changedDeliveries = new Set<Delivery>();
  private droppedDeliveries: number[] = [];
  private droppedMessages: number[] = [];

  /** True while the message `id` is not in the file yet. */
  isNew(id: number): boolean {
    return this.newMessages.has(id);
  }

  addMessage(id: number, msg: BrokerMessage): void {
    this.newMessages.set(id, msg);
  }

  /** The message's row goes (or is never written); returns true when it was never written. */
  dropMessage(id: number): boolean {
    if (this.newMessages.delete(id)) {
      this.skipped++;
      return true;
    }
    this.droppedMessages.push(id);
    return false;
  }

  addDelivery(clientId: string, messageId: number, d: Delivery): void {
    this.newDeliveries.set(d.storeId!, { clientId, messageId, d });
  }

  /** Its state or packet id changed: a row already written is updated at the commit. */
  changeDelivery(d: Delivery): void {
    if (!this.newDeliveries.has(d.storeId!)) this.changedDeliveries.add(d);
  }

  dropDelivery(d: Delivery): void {
    if (this.newDeliveries.delete(d.storeId!)) {
      this.skipped++;
      return;
    }
    this.changedDeliveries.delete(d);
    this.droppedDeliveries.push(d.storeId!);
  }

  /** Writes everything into the open transaction, and forgets it. */
  write(sql: RowStatements): void {
    for (const [id, msg] of this.newMessages) {
      sql.putMessage.run(id, msg.topic, msg.payload, msg.qos, msg.retain ? 1 : 0, fromPropertiesJson(msg.properties), msg.expiresAt, msg.origin ?? null);
    }
    this.newMessages.clear();
    for (const [id, { clientId, messageId, d }] of this.newDeliveries) {
      const ids = d.subscriptionIds === undefined ? null : JSON.stringify(d.subscriptionIds);
      sql.putDelivery.run(id, clientId, messageId, d.qos, d.retain ? 1 : 0, ids, d.packetId, STATES.indexOf(d.state));
    }
    this.newDeliveries.clear();
    for (const d of this.changedDeliveries) sql.setDelivery.run(d.packetId, STATES.indexOf(d.state), d.storeId);
    this.changedDeliveries.clear();
    for (const id of this.droppedDeliveries) sql.dropDelivery.run(id);
    this.droppedDeliveries = [];
    for (const id of this.droppedMessages) sql.dropMessage.run(id);
    this.droppedMessages = [];
  }
}
