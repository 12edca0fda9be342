import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { connectionOptions } from '../../src/options/connection.js';
import { toConnectionSetup } from '../../src/options/client-config.js';
import { publishOptions, subscribeOptions } from '../../src/options/message.js';
import { parseArgv } from '../../src/options/parse.js';
import { toPublishConfig } from '../../src/options/publish-config.js';
import { toSubscribeConfig } from '../../src/options/subscribe-config.js';
import { checkTopicArg, type ArgText } from '../../src/options/topic-args.js';

const wellFormed: ArgText = { isMalformedUtf8: () => false };
const pubArgs = (argv: string[]) => parseArgv(argv, [...publishOptions, ...connectionOptions]);
const subArgs = (argv: string[]) => parseArgv(argv, [...subscribeOptions, ...connectionOptions]);

function pubError(argv: string[]): string {
  try {
    const args = pubArgs(argv);
    const setup = toConnectionSetup(args, { protocolVersion: 4, pid: 1, argText: wellFormed });
    toPublishConfig(args, setup.urlTopic, undefined, wellFormed);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  return '';
}

function subError(argv: string[]): string {
  try {
    const args = subArgs(argv);
    const setup = toConnectionSetup(args, { protocolVersion: 4, pid: 1, argText: wellFormed });
    toSubscribeConfig(args, setup.urlTopic, 4, wellFormed);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  return '';
}

describe('topics from the command line are checked before connecting, with mosquitto\'s messages', () => {
  it('pub -t with a control character or a non-character: "Malformed UTF-8 in -t argument." [MQTT-1.5.4-3]', () => {
    for (const t of ['a\u0001', 'a\u007f', 'a\u0085', 'a\uffff', 'a\ufdd0']) expect(pubError(['-t', t, '-m', 'x'])).toBe('Malformed UTF-8 in -t argument.');
  });

  it('the -L topic is named "-L topic", as mosquitto names it', () => {
    expect(pubError(['-L', 'mqtt://h/a\u0001', '-m', 'x'])).toBe('Malformed UTF-8 in -L topic argument.');
    expect(pubError(['-L', 'mqtt://h/a/#', '-m', 'x'])).toBe("Invalid publish topic 'a/#', does it contain '+' or '#'?");
    expect(subError(['-L', 'mqtt://h/a\u0001'])).toBe('Malformed UTF-8 in -L topic argument.');
  });

  it('--will-topic, on pub and sub', () => {
    expect(pubError(['-t', 'a', '-m', 'x', '--will-topic', 'w\u0002'])).toBe('Malformed UTF-8 in --will-topic argument.');
    expect(subError(['-t', 'a', '--will-topic', 'w\uffff'])).toBe('Malformed UTF-8 in --will-topic argument.');
    expect(subError(['-t', 'a', '--will-topic', 'w/+'])).toBe("Invalid will topic 'w/+', does it contain '+' or '#'?");
  });

  it('sub -t, -T and -U', () => {
    expect(subError(['-t', 'a\u001f'])).toBe('Malformed UTF-8 in -t argument.');
    expect(subError(['-t', 'a', '-T', '\u0001'])).toBe('Malformed UTF-8 in -T argument.');
    expect(subError(['-t', 'a', '-U', 'u\u0090'])).toBe('Malformed UTF-8 in -U argument.');
    expect(subError(['-t', 'a', '-T', 'a/#/b'])).toBe("Invalid filter topic 'a/#/b', are all '+' and '#' wildcards correct?");
    expect(subError(['-t', 'a', '-U', 'a+'])).toBe("Invalid unsubscribe topic 'a+', are all '+' and '#' wildcards correct?");
  });

  it('checkTopicArg: bytes that were not UTF-8 in argv are malformed whatever they decoded to; rr roles', () => {
    const raw: ArgText = { isMalformedUtf8: (v) => v === 'a\ufffd' };
    expect(() => checkTopicArg('a\ufffd', 'publish', '-t', raw)).toThrow(new UsageError('Malformed UTF-8 in -t argument.'));
    expect(() => checkTopicArg('a\ufffd', 'publish', '-t', wellFormed)).not.toThrow();
    expect(() => checkTopicArg('r/#', 'response', '-e', wellFormed)).toThrow(new UsageError("Invalid response topic 'r/#', does it contain '+' or '#'?"));
  });
});
