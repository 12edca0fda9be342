// A mosquitto with Debian's dynamic-security plugin, its config written by `init`
// (mqtk's or mosquitto_ctrl's) into the broker's temp dir before it starts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto, type Mosquitto } from './mosquitto.js';

export const DYNSEC_PLUGIN = '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so';
export const hasDynsecPlugin = existsSync(DYNSEC_PLUGIN);

export interface DynsecBroker {
  broker: Mosquitto;
  /** The plugin's config file. */
  file: string;
  stop(): Promise<void>;
}

export async function startDynsecBroker(init: (file: string) => Promise<unknown>): Promise<DynsecBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'mqtk-dynsec-'));
  const file = join(dir, 'dynsec.json');
  await init(file);
  const broker = await startMosquitto({ dir, allowAnonymous: false, config: [`plugin ${DYNSEC_PLUGIN}`, `plugin_opt_config_file ${file}`] });
  return {
    broker,
    file,
    async stop() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
