// --report mqtt://HOST[:PORT]/TOPIC and `bench collect`: bench processes on many
// machines publish what they measure to one broker, and collect merges them. No
// cluster protocol of our own: plain MQTT messages, JSON payloads, QoS 1.
//   TOPIC/<source>/hello     {mode, requested, engines, schedule, launchAt}
//   TOPIC/<source>/interval  one engine's second: counters and histograms in
//                            HdrHistogram's compressed base64 encoding (see messages.ts),
//                            plus `measured` (false during the connect phase and warm-up)
//   TOPIC/<source>/done      {sequence, clients (per-client results), measureFrom, endAt, lastReceiveAt, interrupted,
//                            latency, ack, connect: the final merged histograms}
// <source> is host-pid, unique per bench process.
import { hostname } from 'node:os';
import { MqttClient } from '../../client/client.js';
import type { ClientConfig } from '../../client/config.js';
import { UsageError } from '../../errors.js';
import type { BenchSummary } from '../../format/bench.js';
import type { ClientResult } from '../../format/bench-clients.js';
import { parseUrl } from '../../options/url.js';
import type { Interval } from './messages.js';
import type { SequenceCounts } from './sequence.js';

export interface Hello {
  mode: BenchSummary['mode'];
  requested: number;
  engines: number;
  schedule: BenchSummary['schedule'];
  launchAt: number;
}

export interface ReportedInterval extends Interval {
  measured: boolean;
}

export interface Done {
  sequence: SequenceCounts;
  /** Each client's results (perS left to collect, which knows the whole run). */
  clients: ClientResult[];
  /** Epoch ms: the measured window (after the warm-up) and the last message received. */
  measureFrom: number;
  endAt: number;
  lastReceiveAt: number;
  interrupted: boolean;
  latency: string;
  ack: string;
  connect: string;
}

export interface ReportTarget {
  client: ClientConfig;
  topic: string;
}

export function toReportTarget(url: string, clientId: string): ReportTarget {
  const bad = (why: string): UsageError => new UsageError(`Invalid report URL '${url}': ${why}`);
  let u: ReturnType<typeof parseUrl>;
  try {
    u = parseUrl(url);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  if (u.websocket) throw bad('use mqtt://host[:port]/topic or mqtts://.');
  if (u.topic === '' || /[+#]/.test(u.topic)) throw bad('it needs a topic without wildcards.');
  return {
    topic: u.topic,
    client: {
      transport: { kind: 'tcp', host: u.host, port: u.port ?? 1883, ...(u.tls ? { tls: {} } : {}) },
      connect: {
        protocolVersion: 4, clientId, clean: true, keepalive: 60,
        ...(u.username !== undefined ? { username: u.username } : {}),
        ...(u.password !== undefined ? { password: Buffer.from(u.password) } : {}),
      },
      maxInflight: 100,
      connectTimeoutMs: 10_000,
    },
  };
}

export const sourceName = (pid: number): string => `${hostname()}-${pid}`;

export class Reporter {
  private constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
  ) {}

  static async open(target: ReportTarget, source: string): Promise<Reporter> {
    try {
      return new Reporter(await MqttClient.connect(target.client), `${target.topic}/${source}`);
    } catch (err) {
      throw new UsageError(`Cannot connect to the --report broker: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private send(kind: string, body: unknown): Promise<unknown> {
    return this.client.publish({ topic: `${this.prefix}/${kind}`, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false }).catch(() => undefined);
  }

  hello(h: Hello): void {
    void this.send('hello', h);
  }

  interval(iv: Interval, measured: boolean): void {
    void this.send('interval', { ...iv, measured } satisfies ReportedInterval);
  }

  async done(d: Done): Promise<void> {
    await this.send('done', d);
    await Promise.race([this.client.disconnect(), new Promise((r) => setTimeout(r, 2000).unref())]);
    this.client.destroy();
  }
}
