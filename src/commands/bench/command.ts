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
    'collect mqtt://host[:port]/topic',
    '[--client-id template] [--start-number n] [--workers n] [--warmup time] [--output text|json] [--csv file] [--report url]',
    '[-h host] [-p port] [-u username] [-P password] [-L URL] [-V 5|311|31] [-D command name value] [TLS options]',
  ],
  options: benchOptions,
  positionals: true,
  load: () => import('./run.js'),
};
