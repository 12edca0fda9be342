// serve's bridges: one Bridge per `connection` section, each attached to the broker
// through its small interface (connectLocal, countDropped). The broker never imports this.
import type { Broker } from '../broker/broker.js';
import { Bridge } from './bridge.js';

export { Bridge, type BridgeHost } from './bridge.js';

export interface RunningBridges {
  stop(): Promise<void>;
}

/** Starts every configured bridge; `log` gets their connection events. */
export async function startBridges(broker: Broker, log: (message: string) => void): Promise<RunningBridges> {
  const host = {
    connectLocal: (name: string) => broker.connectLocal(name),
    countDropped: (clientId: string, topic: string, reason: string) => broker.countDropped(clientId, topic, reason),
    log,
    // mosquitto's bridges use max_inflight_messages (default 20); our 0 means no limit, which no 3.1.1 remote can take.
    maxInflight: broker.config.maxInflightMessages || 20,
  };
  const bridges = broker.config.bridges.map((cfg) => new Bridge(cfg, host));
  for (const b of bridges) await b.start();
  return { stop: async () => void (await Promise.all(bridges.map((b) => b.stop()))) };
}
