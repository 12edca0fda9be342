import { describe, expect, it } from 'vitest';
import { toLocalTopic, toRemoteTopic } from '../../src/bridge/topics.js';
import type { BridgeTopic } from '../../src/broker/options.js';

const topics: BridgeTopic[] = [
  { pattern: 'sensors/#', direction: 'out', qos: 1, localPrefix: 'local/', remotePrefix: 'remote/' },
  { pattern: 'cmd/#', direction: 'in', qos: 1, localPrefix: 'dev/', remotePrefix: 'ctl/' },
  { pattern: 'chat/+', direction: 'both', qos: 0, localPrefix: '', remotePrefix: '' },
];

describe('bridge topic mapping (mosquitto topic lines)', () => {
  it('maps local topics out with the prefixes swapped', () => {
    expect(toRemoteTopic(topics, 'local/sensors/t')).toBe('remote/sensors/t');
    expect(toRemoteTopic(topics, 'chat/a')).toBe('chat/a');
    expect(toRemoteTopic(topics, 'dev/cmd/x')).toBeUndefined();
  });

  it('maps remote topics in with the prefixes swapped', () => {
    expect(toLocalTopic(topics, 'ctl/cmd/reboot')).toBe('dev/cmd/reboot');
    expect(toLocalTopic(topics, 'chat/b')).toBe('chat/b');
    expect(toLocalTopic(topics, 'remote/sensors/t')).toBeUndefined();
  });
});
