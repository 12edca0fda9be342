/**
 * `mqtk/broker`: the MQTT 3.1/3.1.1/5.0 broker behind `mqtk serve`, to embed in tests
 * and programs.
 *
 * ```ts
 * import { createBroker } from 'mqtk/broker';
 *
 * const broker = createBroker({ listeners: [{ port: 0, host: '127.0.0.1', protocol: 'mqtt' }] });
 * const [address] = await broker.listen();   // { protocol: 'mqtt', host: '127.0.0.1', port: 40123 }
 * broker.handle(duplex);                     // or serve any Duplex directly (in-memory tests)
 * await broker.close();                      // clients get DISCONNECT 0x8B; wills are not sent
 * ```
 */
export { createBroker, type Broker, type BrokerAddress, type CreateBrokerOptions } from './broker.js';
export { parseMosquittoConf, ConfigError, type ParsedConfig } from './config.js';
export { ListenError } from './listeners.js';
export { StoreError } from './persist/open.js';
export type { BrokerEvent, DisconnectCause } from './events.js';
export type { BrokerConfig, BrokerHooks, BrokerOptions, BridgeConfig, ClientInfo, ListenerConfig, TlsConfig } from './options.js';
