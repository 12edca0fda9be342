// Local messages on their way to the remote broker. A QoS 1/2 message is acknowledged
// to our broker only once the remote has acknowledged it, so until then it is ours:
// queued while no connection is up, resent by the engine across reconnects, and tried
// again with backoff when the remote refuses it (e.g. PUBACK 0x97 Quota exceeded).
// What our broker has not handed to the bridge yet waits in the bridge's session there,
// bounded by max_queued_messages and counted as dropped beyond it.
import { ClientError } from '../client/errors.js';
import type { MqttClient } from '../client/client.js';
import type { ApplicationMessage } from '../codec/types.js';

interface Forward {
  msg: ApplicationMessage;
  /** Acknowledges the message to our broker (PUBACK/PUBREC of the bridge's local session). */
  ack: () => void;
  refusals: number;
}

export interface ForwarderEvents {
  /** A message that can never be forwarded (too large for the remote), or QoS 0 with no connection. */
  dropped(msg: ApplicationMessage, reason: string): void;
  log(message: string): void;
}

const RETRY_BASE_MS = 1000;
const RETRY_CAP_MS = 30_000;

export class Forwarder {
  private remote: MqttClient | undefined;
  /** QoS 1/2 messages waiting for a connection, oldest first. */
  private readonly waiting: Forward[] = [];
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(private readonly events: ForwarderEvents) {}

  /** A connection is up (or back): what waited goes first, in order. */
  attach(remote: MqttClient): void {
    this.remote = remote;
    for (const f of this.waiting.splice(0)) this.send(remote, f);
  }

  /** That client has closed for good: new messages wait for the next one. */
  detach(remote: MqttClient): void {
    if (this.remote === remote) this.remote = undefined;
  }

  get queued(): number {
    return this.waiting.length;
  }

  forward(msg: ApplicationMessage, ack: () => void): void {
    if (msg.qos === 0) {
      // Best effort, as mosquitto's bridge: sent if connected, else dropped and counted.
      const remote = this.remote;
      if (remote?.isConnected) remote.publish(msg).catch(() => {});
      else this.events.dropped(msg, 'the bridge is not connected');
      ack();
      return;
    }
    const f: Forward = { msg, ack, refusals: 0 };
    if (this.remote === undefined) this.waiting.push(f);
    else this.send(this.remote, f);
  }

  private send(remote: MqttClient, f: Forward): void {
    remote.publish(f.msg).then((result) => {
      if (result.reasonCode < 0x80) return f.ack();
      // Refused, not lost: the remote may accept it later (0x97 Quota exceeded, 0x80 ...).
      f.refusals++;
      const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (f.refusals - 1));
      this.events.log(`refused with reason code 0x${result.reasonCode.toString(16)} (${f.msg.topic}); trying again in ${delay} ms`);
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        this.requeue(f);
      }, delay);
      this.retries.add(timer);
    }, (err: unknown) => {
      if (!(err instanceof ClientError) || err.kind === 'packet-too-large') {
        // Refused locally (too large for this remote, or not encodable): sending it again cannot help.
        this.events.dropped(f.msg, err instanceof Error ? err.message : String(err));
        f.ack();
        return;
      }
      // The client closed before an acknowledgement: the next connection sends it again.
      this.detach(remote);
      this.requeue(f);
    });
  }

  private requeue(f: Forward): void {
    const remote = this.remote;
    if (remote !== undefined) this.send(remote, f);
    else this.waiting.push(f);
  }

  stop(): void {
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
  }
}
