// mqtk serve: options (+ mosquitto.conf) → broker → listen → "ready" line → run until
// SIGINT/SIGTERM → close (sessions kept, wills not sent) → exit 0.
import { readFileSync } from 'node:fs';
import { createBroker, type Broker, type BrokerAddress, type CreateBrokerOptions } from '../../broker/broker.js';
import { ConfigError, parseMosquittoConf } from '../../broker/config.js';
import { ListenError } from '../../broker/listeners.js';
import { StoreError } from '../../broker/persist/open.js';
import type { BrokerConfig, ListenerConfig } from '../../broker/options.js';
import { ExitError, UsageError } from '../../errors.js';
import { formatBrokerEvent, formatBrokerEventJson, formatBrokerPacket, formatBrokerPacketJson } from '../../format/broker-log.js';
import { wantColour } from '../../options/output-mode.js';
import { toServeOptions, type ServeOptions } from '../../options/serve.js';
import type { ParsedArgs } from '../../options/spec.js';
import type { Terminal } from '../../term/terminal.js';
import { VERSION } from '../../version.js';

function readConfig(opts: ServeOptions, term: Terminal): { config: Partial<BrokerConfig>; fileListeners: boolean } {
  if (opts.configFile === undefined) return { config: {}, fileListeners: false };
  let text: string;
  try {
    text = readFileSync(opts.configFile, 'utf8');
  } catch (err) {
    throw new ExitError(1, `Error: Unable to open config file ${opts.configFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    const parsed = parseMosquittoConf(text, opts.configFile);
    for (const w of parsed.warnings) term.stderr.write(`Warning: ${w}\n`);
    return { config: parsed.config, fileListeners: parsed.hasListeners };
  } catch (err) {
    if (err instanceof ConfigError) throw new ExitError(1, `Error: ${err.message}`);
    throw err;
  }
}

/** Listeners: the file's, plus one per -p; none at all means 127.0.0.1:1883 (mosquitto 2's local-only mode). */
export function toBrokerOptions(opts: ServeOptions, file: { config: Partial<BrokerConfig>; fileListeners: boolean }): CreateBrokerOptions {
  const fromPorts: ListenerConfig[] = opts.ports.map((port) => ({ port, host: opts.bind, protocol: 'mqtt' }));
  const listeners = [...(file.config.listeners ?? []), ...fromPorts];
  const options: CreateBrokerOptions = {
    ...file.config,
    listeners: listeners.length > 0 ? listeners : [{ port: 1883, host: opts.bind, protocol: 'mqtt' }],
    // mosquitto 2: a configured listener means allow_anonymous defaults to false.
    allowAnonymous: file.config.allowAnonymous ?? !file.fileListeners,
    version: `mqtk ${VERSION}`,
  };
  if (opts.persist !== undefined) {
    options.persistence = true;
    options.persistenceLocation = opts.persist;
  }
  if (opts.persistSync) options.persistenceSync = true;
  if (opts.persistRepair) {
    if (options.persistence !== true) throw new UsageError('--persist-repair needs --persist DIR or persistence true in the config file.');
    options.persistenceRepair = true;
  }
  return options;
}

function formatAddress(a: BrokerAddress): string {
  return `${a.protocol}://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}

function addLogging(options: CreateBrokerOptions, opts: ServeOptions, term: Terminal): void {
  const err = term.stderr;
  const stamp = (): string => `${Math.floor(Date.now() / 1000)}: `;
  const json = opts.log === 'json';
  if (!opts.verbose && !json) {
    // Nothing but warnings is printed: the broker need not describe every message.
    options.onWarning = (message) => err.write(`Warning: ${message}\n`);
    return;
  }
  options.onEvent = (e) => {
    if (json) err.write(formatBrokerEventJson(e, new Date()));
    else for (const line of formatBrokerEvent(e)) err.write(`${stamp()}${line}\n`);
  };
  if (opts.verbose) {
    options.onPacket = (client, direction, packet) => {
      if (json) err.write(formatBrokerPacketJson(client.clientId, direction, packet, new Date()));
      else for (const line of formatBrokerPacket(client.clientId, direction, packet)) err.write(`${stamp()}${line}\n`);
    };
  }
}

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  const opts = toServeOptions(args);
  const options = toBrokerOptions(opts, readConfig(opts, term));
  addLogging(options, opts, term);
  if (opts.trace) {
    const { createTraceTap } = await import('../../term/trace-tap.js');
    const { createPalette } = await import('../../term/colour.js');
    const palette = await createPalette(wantColour(args.values, term.env, term.stderr.isTTY));
    options.tap = (_client, version) => createTraceTap(term.stderr, version, palette);
  }
  let broker: Broker;
  try {
    broker = createBroker(options);
  } catch (err) {
    if (err instanceof ConfigError) throw new ExitError(1, `Error: ${err.message}`);
    throw err;
  }
  let addresses: BrokerAddress[];
  try {
    addresses = await broker.listen();
  } catch (err) {
    await broker.close();
    if (err instanceof ListenError || err instanceof StoreError) throw new ExitError(1, `Error: ${err.message}`);
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('E')) {
      throw new ExitError(1, `Error: ${err.message}`);
    }
    throw err;
  }
  const stopped = new Promise<string>((resolve) => {
    const off = term.onSignal((signal) => {
      off();
      resolve(signal);
    });
  });
  term.stderr.write(`mqtk serve ${VERSION} ready on ${addresses.map(formatAddress).join(' ')}\n`);
  const signal = await stopped;
  if (opts.verbose) term.stderr.write(`${Math.floor(Date.now() / 1000)}: mqtk serve terminating (${signal}).\n`);
  await broker.close();
  return 0;
}
