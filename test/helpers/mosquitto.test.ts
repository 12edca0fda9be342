import { describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, startMosquitto } from './mosquitto.js';

describe.skipIf(skipWithoutMosquitto())('mosquitto test helper', () => {
  it('starts a broker on a free port that the real clients can use, and stops it by PID', async () => {
    const broker = await startMosquitto();
    try {
      expect(broker.port).not.toBe(1883);
      const r = await runCommand('mosquitto_sub', ['-h', broker.host, '-p', String(broker.port), '-t', '$SYS/broker/version', '-C', '1', '-W', '5']);
      expect(r.stdout.toString()).toMatch(/^mosquitto version 2\./);
      expect(r.status).toBe(0);
    } finally {
      await broker.stop();
    }
    expect(() => process.kill(broker.pid, 0)).toThrow();
  });
});
