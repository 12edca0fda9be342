// argv → PublishConfig and SubscribeConfig (mosquitto_pub/_sub's checks), today's behaviour.
import { describe, expect, it } from 'vitest';
import { toPublishConfig } from '../../src/options/publish-config.js';
import { toSubscribeConfig } from '../../src/options/subscribe-config.js';
import { pubArgs, subArgs, usageMessage, wellFormed } from './mapper-helpers.js';

const pub = (argv: string[], urlTopic?: string) => toPublishConfig(pubArgs(argv), urlTopic, undefined, wellFormed);
const sub = (argv: string[], version = 4) => toSubscribeConfig(subArgs(argv), undefined, version, wellFormed);

describe('toPublishConfig', () => {
  it.each([
    [['-t', 'a', '-m', 'hi'], { topic: 'a', source: { kind: 'message', payload: Buffer.from('hi') }, qos: 0, retain: false, repeat: 1, repeatDelayMs: 0 }],
    [['-t', 'a', '-f', 'x.bin', '-q', '2', '-r'], { source: { kind: 'file', path: 'x.bin' }, qos: 2, retain: true }],
    [['-t', 'a', '-s'], { source: { kind: 'stdin-file' } }],
    [['-t', 'a', '-l'], { source: { kind: 'stdin-line' } }],
    [['-t', 'a', '-n'], { source: { kind: 'null' } }],
    [['-t', 'a', '-m', 'x', '--repeat', '3', '--repeat-delay', '0.5'], { repeat: 3, repeatDelayMs: 500 }],
    // mosquitto takes the next argv element as the value, whatever it looks like.
    [['-t', 'a', '-m', '-x'], { source: { kind: 'message', payload: Buffer.from('-x') } }],
    // The last -t wins, as in mosquitto_pub.
    [['-t', 'a', '-t', 'b', '-m', 'x'], { topic: 'b' }],
  ])('%j → %j', (argv, cfg) => {
    expect(pub(argv)).toMatchObject(cfg);
  });

  it('takes the topic from -L when -t is absent', () => {
    expect(pub(['-m', 'x'], 'from/url').topic).toBe('from/url');
  });

  it.each([
    [['-t', 'a', '-m', 'x', '-n'], 'Only one type of message can be sent at once.'],
    [['-t', 'a'], 'Both topic and message must be supplied.'],
    [['-m', 'x'], 'Both topic and message must be supplied.'],
    [['-t', '', '-m', 'x'], "Invalid publish topic '', a topic must not be empty."],
    [['-t', 'a/#', '-m', 'x'], "Invalid publish topic 'a/#', does it contain '+' or '#'?"],
    [['-t', 'a', '-m', 'x', '--repeat', '0'], '--repeat argument must be >0.'],
    [['-t', 'a', '-m', 'x', '--repeat-delay', '-1'], '--repeat-delay argument must be >=0.0.'],
  ])('%j: %s', (argv, message) => {
    expect(usageMessage(() => pub(argv))).toBe(message);
  });

  it('the parser refuses a QoS outside 0-2 with mosquitto\'s message', () => {
    expect(usageMessage(() => pubArgs(['-q', '3']))).toBe('Invalid QoS given: 3');
  });
});

describe('toSubscribeConfig', () => {
  it.each([
    [['-t', 'a/#'], { subscriptions: [{ topicFilter: 'a/#', qos: 0 }], filterOut: [], unsubscribe: [], exitOnSuback: false, randomFilter: 100, eol: true }],
    [['-t', 'a', '-t', 'b', '-q', '1'], { subscriptions: [{ topicFilter: 'a', qos: 1 }, { topicFilter: 'b', qos: 1 }] }],
    [['-t', '#', '-T', '$SYS/#', '-U', 'x'], { filterOut: ['$SYS/#'], unsubscribe: ['x'] }],
    [['-t', 'a', '-C', '10', '-W', '30'], { count: 10, timeoutMs: 30_000 }],
    [['-t', 'a', '-v', '-N', '-F', '%t', '--pretty'], { verbose: true, eol: false, format: '%t', pretty: true }],
    [['-t', 'a', '-E', '--retained-only', '--remove-retained'], { exitOnSuback: true, retainedOnly: true, removeRetained: true }],
    [['-t', 'a', '--random-filter', '12.5'], { randomFilter: 12.5 }],
  ])('%j → %j', (argv, cfg) => {
    expect(sub(argv)).toMatchObject(cfg);
  });

  it('sends MQTT 5 subscription options only under MQTT 5 (-R is retain handling 2)', () => {
    expect(sub(['-t', 'a', '-R', '--retain-as-published'], 5).subscriptions).toEqual([{ topicFilter: 'a', qos: 0, retainAsPublished: true, retainHandling: 2 }]);
    expect(sub(['-t', 'a', '--retain-handling', 'new'], 5).subscriptions).toEqual([{ topicFilter: 'a', qos: 0, retainHandling: 1 }]);
    // Under 3.1.1 -R filters locally; the MQTT 5 options are refused, not dropped.
    expect(sub(['-t', 'a', '-R'], 4).subscriptions).toEqual([{ topicFilter: 'a', qos: 0 }]);
    expect(() => sub(['-t', 'a', '--retain-as-published'], 4)).toThrow('--retain-as-published needs MQTT 5 (-V 5).');
  });

  it.each([
    [[], 'You must specify a topic to subscribe to.'],
    [['-t', 'a/#/b'], "Invalid subscription topic 'a/#/b', are all '+' and '#' wildcards correct?"],
    [['-t', 'a', '-T', 'x+'], "Invalid filter topic 'x+', are all '+' and '#' wildcards correct?"],
    [['-t', 'a', '-C', '0'], 'Invalid message count "0".'],
    [['-t', 'a', '-W', '0'], 'Invalid timeout "0".'],
    [['-t', 'a', '-R', '--retained-only'], "Combining '-R' and '--retained-only' makes no sense."],
    [['-t', 'a', '--random-filter', '0'], '--random-filter chance must be between 0.1-100.0'],
  ])('%j: %s', (argv, message) => {
    expect(usageMessage(() => sub(argv))).toBe(message);
  });
});
