// The payload of a single message (pub, rr): -m, a file (-f) or all of stdin (-s), with
// the limit of one MQTT packet checked before anything is read into memory.
// fs.promises, not node:fs/promises: read when -f is used, so every other start does not
// load Node's promise-based fs (~1.5 ms).
import { promises as fsp } from 'node:fs';
import { MAX_VARINT } from '../codec/primitives.js';
import { ExitError, UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { PayloadSource } from '../options/publish-config.js';
import { readInput } from '../term/prompt.js';
import type { Terminal } from '../term/terminal.js';

/** The largest payload one PUBLISH can carry, with room for its topic and properties. */
export const MAX_PAYLOAD = MAX_VARINT - 1024;
export const tooLarge = (): UsageError => new UsageError('Message too large: an MQTT packet holds at most 256 MiB.');

/**
 * The payload of -m, -f, -s or -n; undefined for -l (read line by line by its caller).
 * `quiet` (--quiet): the failure lines are mosquitto's err_printf, silent then; the status stays.
 */
export async function loadPayload(source: PayloadSource, term: Terminal, quiet: boolean): Promise<Buffer | undefined> {
  switch (source.kind) {
    case 'message':
      return source.payload;
    case 'null':
      return Buffer.alloc(0);
    case 'file': {
      const path = source.path;
      let data: Buffer;
      try {
        // Refused before reading: a file too large for one packet is not loaded into memory.
        if ((await fsp.stat(path)).size > MAX_PAYLOAD) throw tooLarge();
        data = await fsp.readFile(path);
      } catch (err) {
        if (err instanceof UsageError) throw err;
        throw new ExitError(ExitCode.Failure, quiet ? '' : `Unable to open file "${path}".\nError loading input file "${path}".`);
      }
      return data;
    }
    case 'stdin-file': {
      // Reads at most one byte past the limit, so an endless stdin fails instead of filling memory.
      const { data, overflow } = await readInput(term.stdin, MAX_PAYLOAD);
      if (overflow) throw tooLarge();
      // An empty retained message deletes the retained one [MQTT-3.3.1-6]: an empty stdin
      // (a failed producer upstream) must not do that. mosquitto_pub refuses it too; an
      // empty -f file, by contrast, it sends (load_file), and so do we.
      if (data.length === 0) throw new ExitError(ExitCode.Failure, quiet ? '' : 'Zero length input.\nError loading input from stdin.');
      return data;
    }
    case 'stdin-line':
      return undefined;
  }
}

