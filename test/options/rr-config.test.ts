import { describe, expect, it } from 'vitest';
import { rrCommand } from '../../src/commands/rr/command.js';
import { UsageError } from '../../src/errors.js';
import { toConnectionSetup } from '../../src/options/client-config.js';
import { parseArgv } from '../../src/options/parse.js';
import { toRrConfig, type RrConfig } from '../../src/options/rr-config.js';

const CORR = Buffer.from('0123456789abcdef');
const text = { isMalformedUtf8: () => false };

function config(argv: string[]): RrConfig {
  const args = parseArgv(argv, rrCommand.options, { positionals: true });
  const setup = toConnectionSetup(args, { protocolVersion: 5, pid: 42 });
  return toRrConfig(args, setup.urlTopic, setup.client.connect.protocolVersion, setup.properties.publish, CORR, text);
}

const refusal = (argv: string[]): string => {
  try {
    config(argv);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('rr options → request', () => {
  it('sends the response topic and fresh correlation data in MQTT 5 (the default) [MQTT-4.10]', () => {
    const cfg = config(['-t', 'req', '-e', 'resp', '-m', 'hi', '-q', '1']);
    expect(cfg).toMatchObject({ mode: 'request', topic: 'req', responseTopic: 'resp', qos: 1, replies: 1, correlationData: CORR });
    expect(cfg.mode === 'request' && cfg.properties).toEqual({ responseTopic: 'resp', correlationData: CORR });
    expect(cfg.mode === 'request' && cfg.subscription).toEqual({ topicFilter: 'resp', qos: 1 });
  });

  it('matches on the correlation data given with -D publish correlation-data', () => {
    const cfg = config(['-t', 'req', '-e', 'resp', '-n', '-D', 'publish', 'correlation-data', 'mine']);
    expect(cfg.mode === 'request' && cfg.correlationData?.toString()).toBe('mine');
  });

  it('with -V 311 sends a plain publish and takes any reply on the response topic', () => {
    const cfg = config(['-t', 'req', '-e', 'resp', '-m', 'x', '-V', '311']);
    expect(cfg.mode === 'request' && cfg.properties).toBeUndefined();
    expect(cfg.mode === 'request' && cfg.correlationData).toBeUndefined();
  });

  it('applies -R, --retain-as-published and --count', () => {
    const cfg = config(['-t', 'req', '-e', 'resp', '-m', 'x', '-R', '--retain-as-published', '--count', '3']);
    expect(cfg).toMatchObject({ noRetained: true, replies: 3, subscription: { topicFilter: 'resp', retainAsPublished: true, retainHandling: 2 } });
  });

  it("refuses what mosquitto_rr refuses, with its messages", () => {
    expect(refusal(['-t', 'req', '-m', 'x'])).toBe('All of topic, message, and response topic must be supplied.');
    expect(refusal(['-t', 'a/+', '-e', 'r', '-m', 'x'])).toBe("Invalid publish topic 'a/+', does it contain '+' or '#'?");
    expect(refusal(['-t', 'a', '-e', 'r/#', '-m', 'x'])).toBe("Invalid response topic 'r/#', does it contain '+' or '#'?");
    expect(refusal(['-t', 'a', '-e', 'r', '-m', 'x', '-D', 'publish', 'response-topic', 'z'])).toBe('Error in PUBLISH properties: Duplicate response topic.');
    expect(refusal(['-t', 'a', '-e', 'r', '-m', 'x', '-n'])).toBe('Only one type of message can be sent at once.');
    expect(() => config(['-t', 'a', '-e', 'r', '-l'])).toThrow("Unknown option '-l'.");
    expect(() => config(['-t', 'a', '-e', 'r', '-m', 'x', '-C', '2'])).toThrow("Unknown option '-C'.");
    expect(refusal(['-t', 'a', '-e', 'r', '-m', 'x', '--count', '0'])).toBe('Invalid reply count "0".');
    expect(refusal(['-t', 'a', '-e', 'r', '-m', 'x', '-W', 'soon'])).toBe('Invalid timeout "soon".');
    expect(refusal(['-t', 'a', '-e', 'r', '-m', 'x', 'stray'])).toContain("Unexpected argument 'stray'");
  });
});

describe('rr --respond', () => {
  it('subscribes to a request filter and keeps the command after --', () => {
    const cfg = config(['--respond', '-t', 'svc/+/req', '-q', '1', '--count', '2', '--', 'sh', '-c', 'tr a-z A-Z']);
    expect(cfg).toMatchObject({ mode: 'respond', command: 'sh', args: ['-c', 'tr a-z A-Z'], requests: 2, subscription: { topicFilter: 'svc/+/req', qos: 1 } });
  });

  it('refuses a message, a missing command, a bad filter, and MQTT 3.1.1 without a fallback -e', () => {
    expect(refusal(['--respond', '-t', 'r', '-m', 'x', '--', 'cat'])).toContain('--respond takes no message');
    expect(refusal(['--respond', '-t', 'r'])).toContain("--respond needs a command after '--'");
    expect(refusal(['--respond', '-t', 'a/#/b', '--', 'cat'])).toContain("Invalid subscription topic 'a/#/b'");
    expect(refusal(['--respond', '-t', 'r', '-V', '311', '--', 'cat'])).toContain('needs -e');
    expect(config(['--respond', '-t', 'r', '-V', '311', '-e', 'out', '--', 'cat'])).toMatchObject({ fallbackTopic: 'out' });
  });
});
