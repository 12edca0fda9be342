// mqtk serve: options (+ mosquitto.conf, which fails closed) → broker → listen → "ready"
// line → run until SIGINT/SIGTERM (SIGHUP reloads the password and ACL files) → close
// (sessions kept, wills not sent) → exit 0. A configuration mistake is one line and
// mosquitto's exit status; the log is log.ts.
import { readFileSync } from 'node:fs';
import { createBroker, type Broker, type BrokerAddress, type CreateBrokerOptions } from '../../broker/broker.js';
import { ConfigError, parseMosquittoConf, type ParsedConfig } from '../../broker/config.js';
import { ConfigFileError } from '../../broker/files.js';
import { ListenError } from '../../broker/listeners.js';
import type { ListenerConfig } from '../../broker/options.js';
import { ExitError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { wantColour } from '../../options/output-mode.js';
import { toServeOptions, type ServeOptions } from '../../options/serve.js';
import type { ParsedArgs } from '../../options/spec.js';
import { describeFsError } from '../../term/atomic-file.js';
import type { Terminal } from '../../term/terminal.js';
import { VERSION } from '../../version.js';
import { createServeLog, type ServeLog } from './log.js';

type FileConfig = Omit<ParsedConfig, 'logTypes' | 'connectionMessages'> & Partial<ParsedConfig>;
const NO_FILE: FileConfig = { config: {}, hasListeners: false, perListenerSettings: false };

/** A configuration mistake in words ("No such file or directory", not ENOENT). */
function formatConfigError(err: ConfigError): string {
  return err instanceof ConfigFileError ? `Unable to open ${err.directive} "${err.path}": ${describeFsError(err.cause)}.` : err.message;
}

/** A configuration mistake as the one line main prints, with mosquitto's exit status (3, or 13 for a password/ACL file). */
function toConfigExit(err: ConfigError): ExitError {
  return new ExitError(err.code, formatConfigError(err));
}

function readConfig(opts: ServeOptions): FileConfig {
  if (opts.configFile === undefined) return NO_FILE;
  let text: string;
  try {
    text = readFileSync(opts.configFile, 'utf8');
  } catch (err) {
    throw new ExitError(3, `Unable to open config file ${opts.configFile}: ${describeFsError(err)}.`);
  }
  try {
    return parseMosquittoConf(text, opts.configFile);
  } catch (err) {
    if (err instanceof ConfigError) throw toConfigExit(err);
    throw err;
  }
}

/** Listeners: the file's, plus one per -p; none at all means 127.0.0.1:1883 (mosquitto 2's local-only mode). */
export function toBrokerOptions(opts: ServeOptions, file: Pick<ParsedConfig, 'config' | 'hasListeners' | 'perListenerSettings'>): CreateBrokerOptions {
  // With per_listener_settings, a -p listener has its own (default) security settings too.
  const fromPorts: ListenerConfig[] = opts.ports.map((port) => ({ port, host: opts.bind, protocol: 'mqtt', ...(file.perListenerSettings ? { security: {} } : {}) }));
  const listeners = [...(file.config.listeners ?? []), ...fromPorts];
  const options: CreateBrokerOptions = {
    ...file.config,
    listeners: listeners.length > 0 ? listeners : [{ port: 1883, host: opts.bind, protocol: 'mqtt' }],
    // mosquitto 2: a configured listener means allow_anonymous defaults to false.
    allowAnonymous: file.config.allowAnonymous ?? !file.hasListeners,
    version: `mqtk ${VERSION}`,
  };
  if (opts.persist !== undefined) {
    options.persistence = true;
    options.persistenceLocation = opts.persist;
  }
  return options;
}

function formatAddress(a: BrokerAddress): string {
  return `${a.protocol}://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}

export async function run(args: ParsedArgs, term: Terminal): Promise<number> {
  const opts = toServeOptions(args);
  let log = createServeLog(opts, {}, term.stderr);
  try {
    const file = readConfig(opts);
    log = createServeLog(opts, file, term.stderr);
    return await serve(args, opts, file, log, term);
  } catch (err) {
    // With --log json the one error line is JSON too.
    if (err instanceof ExitError && err.message !== '') throw new ExitError(err.code, log.fatal(err.message, err.verbatim), { verbatim: true });
    throw err;
  }
}

async function serve(args: ParsedArgs, opts: ServeOptions, file: FileConfig, log: ServeLog, term: Terminal): Promise<number> {
  const options = toBrokerOptions(opts, file);
  log.attach(options);
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
    if (err instanceof ConfigError) throw toConfigExit(err);
    throw err;
  }
  let addresses: BrokerAddress[];
  try {
    addresses = await broker.listen();
  } catch (err) {
    await broker.close();
    if (err instanceof ConfigError) throw toConfigExit(err);
    if (err instanceof ListenError) throw new ExitError(ExitCode.Failure, err.message);
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('E')) {
      throw new ExitError(ExitCode.Failure, err.message);
    }
    throw err;
  }
  // SIGHUP: the password and ACL files again, as mosquitto; a file that fails keeps its old rules.
  const offHangup = term.onHangup?.(() => {
    const problems = broker.reloadSecurity();
    for (const p of problems) log.line('warning', `${formatConfigError(p)} Keeping the previous password and ACL rules.`);
    if (problems.length === 0) log.line('notice', 'Reloaded password and ACL files.');
  });
  // Bridges are a layer above the broker (src/bridge/): loaded only when configured.
  let bridges: { stop(): Promise<void> } | undefined;
  if (broker.config.bridges.length > 0) {
    const { startBridges } = await import('../../bridge/index.js');
    bridges = await startBridges(broker, (message) => options.onEvent?.({ type: 'info', message }));
  }
  const stopped = new Promise<string>((resolve) => {
    const off = term.onSignal((signal) => {
      off();
      resolve(signal);
    });
  });
  log.ready(VERSION, addresses.map(formatAddress));
  const signal = await stopped;
  offHangup?.();
  log.line('notice', `mqtk serve terminating (${signal}).`);
  await bridges?.stop();
  await broker.close();
  return 0;
}
