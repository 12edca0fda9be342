// An engine host keeps what its engine says until someone listens: an engine can be
// ready before the coordinator attaches (the --report link connects in between), and a
// lost 'ready' left the run waiting forever.
import { describe, expect, it } from 'vitest';
import { toBenchConfig } from '../../../src/commands/bench/config.js';
import { createClock, measureEpochOffset } from '../../../src/commands/bench/clock.js';
import { createLocalHost } from '../../../src/commands/bench/hosts.js';
import type { EngineMessage } from '../../../src/commands/bench/messages.js';
import { benchOptions } from '../../../src/options/bench.js';
import { parseArgv } from '../../../src/options/parse.js';
import { waitFor } from '../../helpers/mosquitto.js';
import { createScriptedBroker } from './scripted-broker.js';

describe('engine hosts', () => {
  it('hand a message sent before the first handler to that handler', async () => {
    const broker = createScriptedBroker({});
    const cfg = { ...toBenchConfig(parseArgv(['pub', '-c', '1', '--limit', '1', '--quiet'], benchOptions, { positionals: true }), { pid: 1, cores: 1 }), workers: 1 };
    const offset = measureEpochOffset();
    const host = createLocalHost(cfg, createClock(offset)(), offset, broker.dial);
    // Connected (and ready a moment later) before anyone listens.
    await waitFor(() => broker.connections() === 1, 10_000, 'the connect');
    await new Promise((r) => setTimeout(r, 100));
    const got: EngineMessage[] = [];
    host.onMessage((m) => got.push(m));
    expect(got.map((m) => m.type)).toContain('ready');
    host.send({ type: 'stop' });
    await host.close();
  });
});
