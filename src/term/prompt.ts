// Asking for passwords: a masked prompt on a terminal (inquirer), or the bytes a script
// pipes into standard input. inquirer is imported only when a prompt is shown.
import type { Readable } from 'node:stream';

/** The user pressed Ctrl-C (or closed the terminal) at a prompt. */
export class PromptCancelledError extends Error {
  constructor() {
    super('prompt cancelled');
    this.name = 'PromptCancelledError';
  }
}

export interface PromptIO {
  input: Readable;
  /** Where the prompt is drawn; standard error by default, so standard output stays data. */
  output?: NodeJS.WritableStream;
}

/** Asks for a password with the input hidden; throws PromptCancelledError on Ctrl-C. */
export async function promptPassword(message: string, io: PromptIO): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  try {
    return await password({ message }, { input: io.input, output: io.output ?? process.stderr, clearPromptOnDone: false });
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new PromptCancelledError();
    throw err;
  }
}

/**
 * Reads standard input to its end, keeping at most `limit` bytes. A script pipes a line or
 * two and closes the pipe (`echo pw | ...`, `< file`); reading to the end means a stray
 * extra line is noticed rather than silently ignored.
 */
export function readInput(input: Readable, limit: number): Promise<{ data: Buffer; overflow: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (size + buf.length > limit) {
        overflow = true;
        chunks.push(buf.subarray(0, limit - size));
        size = limit;
        finish();
        return;
      }
      chunks.push(buf);
      size += buf.length;
    };
    const finish = (): void => {
      input.off('data', onData);
      input.off('end', finish);
      input.off('error', onError);
      input.pause();
      resolve({ data: Buffer.concat(chunks), overflow });
    };
    const onError = (err: Error): void => {
      input.off('data', onData);
      input.off('end', finish);
      reject(err);
    };
    input.on('data', onData);
    input.once('end', finish);
    input.once('error', onError);
    input.resume();
  });
}
