// Menus and text prompts for interactive modes (inquirer's select and input), drawn on
// standard error so standard output stays data. Imported only when a prompt is shown.
import type { PromptIO } from './prompt.js';
import { PromptCancelledError } from './prompt.js';

export interface Choice<T extends string> {
  name: string;
  value: T;
  description?: string;
}

async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new PromptCancelledError();
    throw err;
  }
}

export async function promptSelect<T extends string>(message: string, choices: readonly Choice<T>[], io: PromptIO): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return cancellable(() => select<T>({ message, choices: [...choices], pageSize: 12, loop: false }, { input: io.input, output: io.output ?? process.stderr, clearPromptOnDone: false }));
}

/** A line of text; `required` refuses an empty answer at the prompt. */
export async function promptInput(message: string, io: PromptIO, opts: { required?: boolean } = {}): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return cancellable(() => input({ message, required: opts.required ?? false }, { input: io.input, output: io.output ?? process.stderr, clearPromptOnDone: false }));
}
