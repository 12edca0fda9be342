// `mqtk bench`: its own options, plus every connection, TLS, WebSocket, proxy and
// MQTT 5 option of pub/sub taken from their tables. Four letters of those tables mean
// something else in a load tester (emqtt-bench's -c clients, -i/-I intervals, and -d
// duration), so those four options are left out here rather than declared again.
import { connectionOptions } from './connection.js';
import { publishOptions, qosOption, topicOption } from './message.js';
import { formatOptions } from './output.js';
import type { OptionSpec } from './spec.js';

const B = 'Bench';
const R = 'Reporting';

/** Connection options whose letters bench uses for its own meaning. */
const REPLACED = new Set(['noCleanSession', 'id', 'idPrefix', 'debug']);

const byKey = (table: readonly OptionSpec[], key: string): OptionSpec => {
  const spec = table.find((o) => o.key === key);
  if (!spec) throw new Error(`no option '${key}'`);
  return spec;
};

export const benchOptions: readonly OptionSpec[] = [
  { key: 'clients', flags: ['-c', '--clients'], arg: 'count', group: B, describe: 'connections: publishers (pub, pubsub), subscribers (sub) or plain connections (conn); default 1' },
  { key: 'subscribers', flags: ['--subscribers'], arg: 'count', mqtk: true, group: B, describe: 'pubsub: subscriber connections (default 1)' },
  { ...topicOption, describe: 'topic template to publish to (default mqtk-bench/%i), or filter to subscribe to (sub; repeatable)' },
  { key: 'filter', flags: ['--filter'], arg: 'filter', repeat: true, mqtk: true, group: B, describe: 'pubsub: subscribers\' filter (default: the topic template with + for each placeholder level)' },
  qosOption,
  byKey(publishOptions, 'retain'),
  { key: 'size', flags: ['-s', '--size'], arg: 'bytes', group: B, describe: 'payload size, at least 18 (the stamp: publisher, sequence, send time); default 64' },
  { key: 'rate', flags: ['--rate'], arg: 'msgs/s', mqtk: true, group: B, describe: 'messages per second in total, open loop (latency from the intended send time)' },
  { key: 'msgInterval', flags: ['-I', '--interval-of-msg'], arg: 'ms', group: B, describe: 'milliseconds between messages of each publisher, open loop (instead of --rate)' },
  { key: 'limit', flags: ['--limit'], arg: 'count', mqtk: true, group: B, describe: 'messages to publish in total (pub, pubsub), or to receive per subscriber (sub)' },
  { key: 'duration', flags: ['-d', '--duration'], arg: 'time', group: B, describe: 'run this long (30s, 2m, 500ms; a bare number is seconds); conn: hold the connections this long' },
  { ...byKey(connectionOptions, 'maxInflight'), flags: ['-M', '--inflight'], describe: 'QoS 1/2 messages in flight per publisher (default 20)' },
  { key: 'connRate', flags: ['-R', '--conn-rate'], arg: 'conn/s', group: B, describe: 'open connections at this rate (default: as fast as the broker accepts them)' },
  { key: 'connInterval', flags: ['-i', '--interval'], arg: 'ms', group: B, describe: 'milliseconds between connects (instead of -R)' },
  { key: 'reconnect', flags: ['--reconnect'], arg: 'attempts', mqtk: true, group: B, describe: 'reconnect a lost connection, giving up after this many failed attempts in a row (emqtt-bench\'s meaning; default 0: never)' },
  { key: 'connectRetries', flags: ['--num-retry-connect'], arg: 'retries', mqtk: true, group: B, describe: 'retry a failed first connect (refused, timed out, lost, or a CONNACK saying server unavailable or busy, quota or rate exceeded) up to this many times, backing off as --reconnect does (emqtt-bench\'s; default 0)' },
  { key: 'reconnectDelay', flags: ['--reconnect-delay'], arg: 'time', mqtk: true, group: B, describe: 'first wait before reconnecting or retrying a connect, doubling per failed attempt up to 30 s (default 1s)' },
  { key: 'clientId', flags: ['--client-id'], arg: 'template', mqtk: true, group: B, describe: 'client id template (default mqtk-bench-<mode>-%i): %i index, %w worker, %rand_N' },
  { key: 'startNumber', flags: ['--start-number'], arg: 'n', mqtk: true, group: B, describe: 'first client index (%i), so several bench processes never clash (default 0)' },
  { key: 'workers', flags: ['--workers'], arg: 'n', mqtk: true, group: B, describe: 'worker threads to spread the connections over (default: the number of cores)' },
  { key: 'warmup', flags: ['--warmup'], arg: 'time', mqtk: true, group: R, describe: 'leave the first seconds out of rates and latencies' },
  { ...byKey(formatOptions, 'output'), arg: 'text|json', choices: ['text', 'json'], describe: 'text (default) or json: the summary as one JSON object' },
  byKey(formatOptions, 'json'),
  { key: 'perClient', flags: ['--per-client'], mqtk: true, group: R, describe: 'also print each client\'s results: a table, or per_client in the JSON (the summary always has the spread across clients)' },
  { key: 'csv', flags: ['--csv'], arg: 'file', mqtk: true, group: R, describe: 'write the per-second samples to FILE as CSV' },
  { key: 'report', flags: ['--report'], arg: 'url', mqtk: true, group: R, describe: 'also publish per-second samples and the final histograms to mqtt(s)://host[:port]/topic or ws(s)://, connecting with the same options as the bench clients (see bench collect)' },
  ...connectionOptions.filter((o) => !REPLACED.has(o.key) && o.key !== 'maxInflight'),
];
