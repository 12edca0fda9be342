// Node decodes argv as UTF-8 and silently turns invalid bytes into U+FFFD, so a topic
// given as $'a\xff' looks valid. mosquitto refuses it ("Malformed UTF-8 in -t
// argument."); to do the same we read the raw bytes back from /proc/self/cmdline.
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

import type { ArgText } from '../options/topic-args.js';

let malformed: Set<string> | undefined;

function malformedArgs(): Set<string> {
  if (malformed) return malformed;
  malformed = new Set();
  if (!process.argv.some((a) => a.includes('\uFFFD'))) return malformed;
  try {
    const raw = readFileSync('/proc/self/cmdline');
    let start = 0;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] !== 0) continue;
      const arg = raw.subarray(start, i);
      if (!isUtf8(arg)) malformed.add(arg.toString('utf8'));
      start = i + 1;
    }
  } catch {
    // No /proc (not Linux): fall back to treating U+FFFD itself as the sign.
    for (const a of process.argv) if (a.includes('\uFFFD')) malformed.add(a);
  }
  return malformed;
}

export function malformedArgText(): ArgText {
  return { isMalformedUtf8: (value) => value.includes('\uFFFD') && malformedArgs().has(value) };
}
