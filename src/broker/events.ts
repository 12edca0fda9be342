// What the broker reports about itself, for `-v` logs and `--log json`. Plain data:
// formatting lives in src/format/broker-log.ts.

export type DisconnectCause =
  | 'client' // DISCONNECT received
  | 'closed' // the network connection closed without DISCONNECT
  | 'keepalive' // nothing received within 1.5 x Keep Alive [MQTT-3.1.2-22]
  | 'takeover' // another connection with the same Client Identifier [MQTT-3.1.4-3]
  | 'protocol' // a protocol violation; reasonCode says which
  | 'shutdown'; // the broker is closing

export type BrokerEvent =
  | { type: 'listening'; protocol: string; address: string; port: number; tls: boolean }
  | { type: 'connection'; address: string; port: number }
  | { type: 'connect'; clientId: string; address: string; protocolVersion: number; clean: boolean; keepalive: number; username: string | undefined; will: { topic: string; qos: number; retain: boolean; bytes: number } | undefined }
  | { type: 'connect-refused'; clientId: string; address: string; username: string | undefined; reasonCode: number; reason: string }
  | { type: 'disconnect'; clientId: string; cause: DisconnectCause; reasonCode?: number; message?: string }
  | { type: 'subscribe'; clientId: string; filter: string; qos: number; granted: number }
  | { type: 'unsubscribe'; clientId: string; filter: string }
  | { type: 'publish'; clientId: string; topic: string; qos: number; retain: boolean; bytes: number }
  | { type: 'dropped'; clientId: string; topic: string; reason: string }
  /** A PUBLISH (or a will) the broker refused: no write access, or over message_size_limit. */
  | { type: 'denied'; clientId: string; topic: string; qos: number; retain: boolean; dup: boolean; packetId: number; bytes: number; reason: 'not authorised' | 'too large'; will?: boolean }
  | { type: 'info'; message: string }
  | { type: 'warning'; message: string };
