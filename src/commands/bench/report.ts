// --report URL (mqtt://, mqtts://, ws://, wss://HOST[:PORT]/TOPIC) and `bench collect`: bench processes on many
// machines publish what they measure to one broker, and collect merges them. No
// cluster protocol of our own: plain MQTT messages, JSON payloads, QoS 1.
//   TOPIC/<source>/hello     {mode, requested, engines, schedule, launchAt}
//   TOPIC/<source>/interval  one engine's second: counters and histograms in
//                            HdrHistogram's compressed base64 encoding (see messages.ts),
//                            plus `measured` (false during the connect phase and warm-up)
//   TOPIC/<source>/done      {hello, sequence, clients (per-client results), measureFrom, endAt, lastReceiveAt, interrupted,
//                            totals, errors, maxLagMs, latency, ack, connect: the final totals and merged histograms}
//   TOPIC/join               (from a collector started late) each running process says hello again
// <source> is host-pid, unique per bench process.
import { hostname } from 'node:os';
import { MqttClient } from '../../client/client.js';
import type { ClientConfig } from '../../client/config.js';
import { ExitError, UsageError } from '../../errors.js';
import type { BenchSummary } from '../../format/bench.js';
import type { ClientResult } from '../../format/bench-clients.js';
import { toConnectionSetup } from '../../options/client-config.js';
import type { ParsedArgs } from '../../options/spec.js';
import { parseUrl } from '../../options/url.js';
import type { FinalReport } from './aggregate.js';
import type { Interval } from './messages.js';
import type { SequenceCounts } from './sequence.js';

export interface Hello {
  mode: BenchSummary['mode'];
  requested: number;
  engines: number;
  schedule: BenchSummary['schedule'];
  launchAt: number;
  /** Said again, for a collector that joined late (it missed the seconds before). */
  republished?: boolean;
}

export interface ReportedInterval extends Interval {
  measured: boolean;
}

export interface Done extends FinalReport {
  /** The hello again: a collector that joined late may never have had it. */
  hello: Hello;
  sequence: SequenceCounts;
  /** Each client's results (perS left to collect, which knows the whole run). */
  clients: ClientResult[];
  /** Epoch ms: the measured window (after the warm-up) and the last message received. */
  measureFrom: number;
  endAt: number;
  lastReceiveAt: number;
  interrupted: boolean;
}

export interface ReportTarget {
  client: ClientConfig;
  topic: string;
}

/** The bench clients' will is theirs: the report link leaves without one. */
const NOT_FOR_REPORT = ['unix', 'willTopic', 'willPayload', 'willQos', 'willRetain'];

/**
 * The report link takes every connection option the bench clients take (TLS files,
 * --insecure, -u/-P, -V, -k, --proxy, --ws-path, -D connect properties), through the
 * same mapping as -L: the URL gives scheme, host and port, and user and password when it
 * has them. Its scheme alone decides TLS, so a plain mqtt:// report broker stays plain
 * beside TLS bench clients.
 */
export function toReportTarget(args: ParsedArgs, url: string, clientId: string, pid: number): ReportTarget {
  const bad = (why: string): UsageError => new UsageError(`Invalid report URL '${url}': ${why}`);
  let u: ReturnType<typeof parseUrl>;
  try {
    u = parseUrl(url);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  if (u.topic === '' || /[+#]/.test(u.topic)) throw bad('it needs a topic without wildcards.');
  const values: ParsedArgs['values'] = { ...args.values, url };
  for (const key of NOT_FOR_REPORT) delete values[key];
  // The URL comes last, so it wins over -h and -p as a trailing -L would.
  const setup = toConnectionSetup({ values, seen: [...args.seen.filter((k) => k !== 'url'), 'url'], positionals: [] }, { protocolVersion: 4, pid });
  let transport = setup.client.transport;
  if (!u.tls && transport.kind !== 'unix') {
    const { tls: _plain, ...rest } = transport;
    transport = rest;
  }
  return {
    topic: u.topic,
    client: { ...setup.client, transport, connect: { ...setup.client.connect, clientId, clean: true }, maxInflight: 100 },
  };
}

export const sourceName = (pid: number): string => `${hostname()}-${pid}`;

/** A collector that starts late asks the running processes to say hello again here. */
export const joinTopic = (topic: string): string => `${topic}/join`;

export class Reporter {
  private said: Hello | undefined;

  private constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
  ) {}

  static async open(target: ReportTarget, source: string): Promise<Reporter> {
    const prefix = `${target.topic}/${source}`;
    let client: MqttClient;
    try {
      client = await MqttClient.connect(target.client);
    } catch (err) {
      throw new ExitError(1, `cannot connect to the --report broker: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Not allowed to listen for late collectors (an ACL): report all the same; only a
    // collector started first then sees this process.
    await client.subscribe([{ topicFilter: joinTopic(target.topic), qos: 1 }]).catch(() => undefined);
    const reporter = new Reporter(client, prefix);
    // Hello again for a collector that joined after it: it gets the rest of the seconds and,
    // from done, the whole run's totals and histograms.
    client.on('message', () => {
      if (reporter.said) void reporter.send('hello', { ...reporter.said, republished: true } satisfies Hello);
    });
    return reporter;
  }

  private send(kind: string, body: unknown): Promise<unknown> {
    return this.client.publish({ topic: `${this.prefix}/${kind}`, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false }).catch(() => undefined);
  }

  hello(h: Hello): void {
    this.said = h;
    void this.send('hello', h);
  }

  interval(iv: Interval, measured: boolean): void {
    void this.send('interval', { ...iv, measured } satisfies ReportedInterval);
  }

  async done(d: Done): Promise<void> {
    this.said = undefined;
    await this.send('done', d);
    await Promise.race([this.client.disconnect(), new Promise((r) => setTimeout(r, 2000).unref())]);
    this.client.destroy();
  }
}
