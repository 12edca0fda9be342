import { benchOptions } from '../../options/bench.js';
import type { CommandSpec } from '../spec.js';

export const benchCommand: CommandSpec = {
  name: 'bench',
  summary: 'load-test a broker: publishers, subscribers, connections; latency percentiles',
  usage: [
    '[pubsub] [-c publishers] [--subscribers n] [--rate msgs/s | -I ms] [--limit n | -d time] [-q qos] [-s bytes]',
    'pub [-c clients] [-t topic-template] [--rate msgs/s | -I ms] [--limit n | -d time] [-q qos] [-s bytes] [-r] [-M inflight]',
    'sub [-c clients] [-t filter ...] [--limit n-per-subscriber | -d time] [-q qos]',
    'conn [-c clients] [-R conn/s | -i ms] [-d hold-time]',
    'collect mqtt(s)|ws(s)://host[:port]/topic [connection options]',
    '[--client-id template] [--start-number n] [--workers n] [--warmup time] [--output text|json] [--csv file] [--report url]',
    '[-h host] [-p port] [-u username] [-P password] [-L URL] [-V 5|311|31] [-D command name value] [TLS options]',
  ],
  options: benchOptions,
  positionals: true,
  examples: [
    { command: 'mqtk bench -c 10 --rate 10000 -d 30s', describe: '10 publishers and a subscriber at 10,000 messages/s for 30 s: rates, latency percentiles, loss' },
    { command: 'mqtk bench pub -c 100 --rate 5000 -q 1 --limit 100000 --output json', describe: 'an open-loop QoS 1 load, summary as JSON' },
    { command: 'mqtk bench conn -c 1000 -R 200 -d 10s', describe: '1000 connections at 200/s, held 10 s: connect-time percentiles' },
  ],
  load: () => import('./run.js'),
  manual: () => import('./manual.js'),
};
