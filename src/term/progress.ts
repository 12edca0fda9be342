// A live status line on stderr: an ora spinner on a terminal, plain lines otherwise
// (a log file or CI gets one line per update instead of control sequences).
import type { OutputStream } from './terminal.js';

export interface Progress {
  update(line: string): void;
  stop(): void;
}

export async function createProgress(stderr: OutputStream): Promise<Progress> {
  // A terminal that reports no width (some ptys) makes ora's line arithmetic clear
  // endless lines: plain lines there too.
  if (!stderr.isTTY || !(process.stderr.columns > 0)) {
    return { update: (line) => void stderr.write(`${line}\n`), stop: () => {} };
  }
  const { default: ora } = await import('ora');
  // ora writes to the real stream: it needs its cursor control and columns.
  const spinner = ora({ stream: process.stderr, text: 'connecting', discardStdin: false }).start();
  return {
    update: (line) => void (spinner.text = line),
    stop: () => void spinner.stop(),
  };
}
