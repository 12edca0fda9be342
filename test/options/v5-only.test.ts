// Options that MQTT 3.1.1 cannot carry, or that the spec forbids in a combination, are
// refused up front with a clear line, never silently dropped or sent to be refused.
import { describe, expect, it } from 'vitest';
import { subCommand } from '../../src/commands/sub/command.js';
import { UsageError } from '../../src/errors.js';
import { toConnectionSetup } from '../../src/options/client-config.js';
import { parseArgv } from '../../src/options/parse.js';
import { toSubscribeConfig } from '../../src/options/subscribe-config.js';

function sub(argv: string[]) {
  const args = parseArgv(argv, subCommand.options);
  const setup = toConnectionSetup(args, { protocolVersion: 4, pid: 1 });
  return toSubscribeConfig(args, setup.urlTopic, setup.client.connect.protocolVersion, { isMalformedUtf8: () => false });
}

describe('options MQTT 3.1.1 has no room for', () => {
  it('refuses --retain-as-published and --retain-handling without -V 5', () => {
    expect(() => sub(['-t', 'a', '--retain-as-published'])).toThrow(new UsageError('--retain-as-published needs MQTT 5 (-V 5).'));
    expect(() => sub(['-t', 'a', '--retain-handling', 'new', '-V', '311'])).toThrow(new UsageError('--retain-handling needs MQTT 5 (-V 5).'));
  });

  it('takes them with -V 5, as subscription options', () => {
    expect(sub(['-t', 'a', '--retain-as-published', '--retain-handling', 'new', '-V', '5']).subscriptions).toEqual([
      { topicFilter: 'a', qos: 0, retainAsPublished: true, retainHandling: 1 },
    ]);
  });
});

describe('-D disconnect session-expiry-interval [MQTT-3.14.2-2]', () => {
  it('is refused when CONNECT asks for no session expiry', () => {
    expect(() => sub(['-t', 'a', '-D', 'disconnect', 'session-expiry-interval', '60'])).toThrow(/needs a session expiry in CONNECT/);
  });

  it('is taken with -x, and 0 is always allowed', () => {
    expect(() => sub(['-t', 'a', '-x', '10', '-D', 'disconnect', 'session-expiry-interval', '60'])).not.toThrow();
    expect(() => sub(['-t', 'a', '-D', 'disconnect', 'session-expiry-interval', '0'])).not.toThrow();
  });
});
