// mqtk serve's log on stderr, like mosquitto's: by default the types mosquitto logs by
// default (error, warning, notice, information: connections and who, disconnections and
// why, refused logins, denied publishes); `-v` adds everything (packets, subscriptions),
// as mosquitto -v (log_type all). `log_type` lines in the configuration choose the types,
// `connection_messages false` silences connects and disconnects. With `--log json` every
// line is a JSON line, the ready line and errors included, so `2>&1 | jq` works.
import type { LogType, ParsedConfig } from '../../broker/config.js';
import type { BrokerEvent } from '../../broker/events.js';
import type { BrokerOptions } from '../../broker/options.js';
import { brokerEventLogType, formatBrokerEventJson, formatBrokerEventLines, formatBrokerPacket, formatBrokerPacketJson, isConnectionMessage } from '../../format/broker-log.js';
import { formatJsonEvent } from '../../format/json.js';
import type { ServeOptions } from '../../options/serve.js';
import type { OutputStream } from '../../term/terminal.js';

/** mosquitto's default log_type. */
const DEFAULT_TYPES: readonly LogType[] = ['error', 'warning', 'notice', 'information'];

export interface ServeLog {
  /** One line of a log type (text gets mosquitto's time prefix). */
  line(type: LogType, message: string): void;
  /** The ready line, always written (scripts wait for it), in the log's format. */
  ready(version: string, addresses: string[]): void;
  /** A fatal error's whole line for main to print as is: JSON with --log json, else with the "Error: " prefix unless `verbatim`. */
  fatal(message: string, verbatim?: boolean): string;
  /** Wires the broker's events and packets to the log, building none the log would drop. */
  attach(options: BrokerOptions): void;
}

export function createServeLog(opts: ServeOptions, file: Partial<Pick<ParsedConfig, 'logTypes' | 'connectionMessages'>>, err: OutputStream): ServeLog {
  const json = opts.log === 'json';
  const types = new Set<LogType>(opts.verbose ? ['debug', 'error', 'warning', 'notice', 'information', 'subscribe', 'unsubscribe', 'websockets'] : file.logTypes ?? DEFAULT_TYPES);
  const connectionMessages = file.connectionMessages ?? true;
  const stamp = (): string => `${Math.floor(Date.now() / 1000)}: `;
  const wants = (e: BrokerEvent): boolean => !(isConnectionMessage(e) && !connectionMessages);

  const event = (e: BrokerEvent): void => {
    if (!wants(e)) return;
    if (json) {
      if (types.has(brokerEventLogType(e))) err.write(formatBrokerEventJson(e, new Date()));
      return;
    }
    for (const l of formatBrokerEventLines(e)) if (types.has(l.type)) err.write(`${stamp()}${l.text}\n`);
  };

  return {
    line(type, message) {
      if (!types.has(type)) return;
      if (json) err.write(formatJsonEvent(type === 'warning' || type === 'error' ? type : 'info', { time: new Date(), message }));
      else err.write(`${stamp()}${type === 'warning' ? 'Warning: ' : ''}${message}\n`);
    },
    ready(version, addresses) {
      if (json) err.write(formatJsonEvent('ready', { time: new Date(), version, addresses }));
      else err.write(`mqtk serve ${version} ready on ${addresses.join(' ')}\n`);
    },
    fatal(message, verbatim = false) {
      if (json) return formatJsonEvent('error', { time: new Date(), message: message.replace(/^Error: /, '') }).trimEnd();
      return verbatim ? message : `Error: ${message}`;
    },
    attach(options) {
      // Without -v and without any type that needs them, the broker builds no event per message.
      if (types.size > 0) options.onEvent = event;
      else options.onWarning = (message) => this.line('warning', message);
      if (types.has('debug')) {
        options.onPacket = (client, direction, packet) => {
          if (json) err.write(formatBrokerPacketJson(client.clientId, direction, packet, new Date()));
          else for (const line of formatBrokerPacket(client.clientId, direction, packet)) err.write(`${stamp()}${line}\n`);
        };
      }
    },
  };
}
