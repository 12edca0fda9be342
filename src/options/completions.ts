// Shell completion scripts built from the option tables (completions/mqtk.bash and
// completions/mqtk.zsh, also printed by `mqtk completion bash|zsh`). Static scripts:
// pressing TAB never starts node.
import type { OptionSpec } from './spec.js';
import type { PositionalWords } from './usage.js';

export interface CompletionSource {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  positionalWords?: readonly PositionalWords[];
}

const shellWord = (s: string): string => s.replace(/[^A-Za-z0-9_./:=@%+-]/g, (c) => `\\${c}`);

export function formatBashCompletion(commands: readonly CompletionSource[]): string {
  const lines: string[] = [
    '# bash completion for mqtk, generated from its option tables (scripts/gen-docs.ts).',
    '_mqtk() {',
    '  local cur prev cmd',
    '  cur="${COMP_WORDS[COMP_CWORD]}"',
    '  prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmd="${COMP_WORDS[1]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} completion" -- "$cur") )`,
    '    return',
    '  fi',
    '  case "$cmd" in',
  ];
  for (const c of commands) {
    const opts = c.options;
    lines.push(`    ${c.name})`);
    lines.push('      case "$prev" in');
    for (const o of opts) {
      if (!o.arg) continue;
      const words = o.choices ? `COMPREPLY=( $(compgen -W "${o.choices.map(shellWord).join(' ')}" -- "$cur") )` : /file|path|dir/.test(o.arg) ? 'COMPREPLY=( $(compgen -f -- "$cur") )' : 'COMPREPLY=()';
      lines.push(`        ${o.flags.join('|')}) ${words}; return ;;`);
    }
    lines.push('      esac');
    const positional = c.positionalWords ?? [];
    for (const p of positional.filter((x) => x.distance > 0)) {
      lines.push(`      if [[ "\${COMP_WORDS[COMP_CWORD-${p.distance}]}" == ${shellWord(p.after)} ]]; then COMPREPLY=( $(compgen -W "${p.words.map(shellWord).join(' ')}" -- "$cur") ); return; fi`);
    }
    // First words after the options (e.g. ctrl's module) are offered with the flags.
    const first = positional.filter((x) => x.distance === 0).flatMap((x) => x.words.map(shellWord));
    lines.push(`      COMPREPLY=( $(compgen -W "${[...opts.flatMap((o) => o.flags), ...first].join(' ')}" -- "$cur") )`);
    lines.push('      ;;');
  }
  lines.push('    completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ) ;;');
  lines.push('  esac', '}', 'complete -o default -F _mqtk mqtk', '');
  return lines.join('\n');
}

const zshQuote = (s: string): string => s.replace(/'/g, "'\\''").replace(/\[/g, '\\[').replace(/\]/g, '\\]').replace(/:/g, '\\:');

export function formatZshCompletion(commands: readonly CompletionSource[]): string {
  const lines: string[] = ['#compdef mqtk', '# zsh completion for mqtk, generated from its option tables (scripts/gen-docs.ts).', '', '_mqtk() {', '  local -a commands', '  commands=('];
  for (const c of commands) lines.push(`    '${c.name}:${zshQuote(c.summary)}'`);
  lines.push("    'completion:print a shell completion script'", '  )', '  if (( CURRENT == 2 )); then', "    _describe 'command' commands", '    return', '  fi', '  case $words[2] in');
  for (const c of commands) {
    lines.push(`    ${c.name})`, '      _arguments -s \\');
    for (const o of c.options) {
      const action = o.arg ? (o.choices ? `:${zshQuote(o.arg)}:(${o.choices.join(' ')})` : /file|path|dir/.test(o.arg) ? `:${zshQuote(o.arg)}:_files` : `:${zshQuote(o.arg)}:`) : '';
      const spec = o.flags.length > 1 ? `'(${o.flags.join(' ')})'{${o.flags.join(',')}}'` : `'${o.flags[0]}`;
      lines.push(`        ${spec}[${zshQuote(o.describe)}]${action}' \\`);
    }
    const words = [...new Set((c.positionalWords ?? []).flatMap((p) => p.words))];
    lines.push(words.length > 0 ? `        '*:argument:(${words.join(' ')})'` : "        '*:argument:_files'", '      ;;');
  }
  lines.push("    completion) _values 'shell' bash zsh ;;", '  esac', '}', '', '_mqtk "$@"', '');
  return lines.join('\n');
}
