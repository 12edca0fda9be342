// Shell completion scripts built from the option tables (completions/mqtk.{bash,zsh,fish},
// also printed by `mqtk completion bash|zsh|fish`). Static scripts: pressing TAB never
// starts node. Values complete from `choices`/`hints`, file names only where the option
// takes a file (`completes`), and `-D` offers the packets, then that packet's properties.
// Subcommand words after the options (ctrl's dynsec commands) come from completion-words.ts.
import { bashFiles, bashSubcommands, fishSubcommands, zshSubcommands } from './completion-words.js';
import { builtinCommands, globalOptions, type CompletionShell } from './general.js';
import { propertyNamesByTarget } from './properties.js';
import type { OptionSpec, SubcommandSpec } from './spec.js';

export interface CompletionSource {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  positionals?: boolean | 'rest';
  subcommands?: readonly SubcommandSpec[];
}

/** The function completing a command's subcommand words (fish's helpers start with two underscores). */
const wordsFn = (c: CompletionSource, shell: CompletionShell): string => `${shell === 'fish' ? '__' : '_'}mqtk_${c.name}_words`;

type ValueCompletion = { kind: 'words'; words: readonly string[] } | { kind: 'file' } | { kind: 'dir' } | { kind: 'property' } | { kind: 'none' };

function valueCompletion(o: OptionSpec): ValueCompletion {
  if (o.kind === 'property') return { kind: 'property' };
  const words = o.choices ?? o.hints;
  if (words) return { kind: 'words', words };
  if (o.completes) return { kind: o.completes };
  return { kind: 'none' };
}

const targets = (): string[] => propertyNamesByTarget().map((t) => t.target);
const topWords = (commands: readonly CompletionSource[]): string[] => [
  ...commands.map((c) => c.name), ...builtinCommands.map((b) => b.name), ...globalOptions.flatMap((o) => o.flags),
];

function bash(commands: readonly CompletionSource[]): string {
  const words = (list: readonly string[]): string => `COMPREPLY=( $(compgen -W "${list.join(' ')}" -- "$cur") )`;
  const reply = (v: ValueCompletion): string => {
    switch (v.kind) {
      case 'words': return words(v.words);
      case 'file': return bashFiles;
      case 'dir': return 'compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") )';
      case 'property': return words(targets());
      case 'none': return ':';
    }
  };
  const out = [
    '# bash completion for mqtk, generated from its option tables (npm run docs).',
    '# -D PACKET NAME VALUE: the packet, then the properties that packet may carry.',
    '_mqtk_property() {',
    '  case "$1" in',
    ...propertyNamesByTarget().map((t) => `    ${t.target}) ${words(t.names)} ;;`),
    '  esac',
    '}',
  ];
  for (const c of commands) {
    if (c.subcommands) out.push(`${wordsFn(c, 'bash')}() {`, ...bashSubcommands(c.options, c.subcommands, '  '), '}');
  }
  out.push(
    '_mqtk() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="${COMP_WORDS[1]}"',
    '  COMPREPLY=()',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    ${words(topWords(commands))}`,
    '    return',
    '  fi',
    '  if [ "$COMP_CWORD" -ge 3 ]; then',
    '    case "${COMP_WORDS[COMP_CWORD-2]}" in -D|--property) _mqtk_property "$prev"; return ;; esac',
    '    case "${COMP_WORDS[COMP_CWORD-3]}" in -D|--property) return ;; esac',
    '  fi',
    '  case "$cmd" in',
  );
  for (const c of commands) {
    out.push(`    ${c.name})`);
    // After the first positional word, the subcommand tree completes (options have ended).
    if (c.subcommands) out.push(`      ${wordsFn(c, 'bash')} && return`);
    out.push('      case "$prev" in');
    for (const o of c.options) if (o.arg) out.push(`        ${o.flags.join('|')}) ${reply(valueCompletion(o))}; return ;;`);
    out.push('      esac');
    const flags = words(c.options.flatMap((o) => o.flags));
    if (c.subcommands) out.push(`      if [[ "$cur" == -* ]]; then ${flags}; else ${words(c.subcommands.map((x) => x.name))}; fi`);
    else if (c.positionals) out.push(`      if [[ "$cur" == -* ]]; then ${flags}; else ${reply({ kind: 'file' })}; fi`);
    else out.push(`      ${flags}`);
    out.push('      ;;');
  }
  out.push(`    help) [ "$COMP_CWORD" -eq 2 ] && ${words(commands.map((c) => c.name))} ;;`);
  out.push(`    completion) [ "$COMP_CWORD" -eq 2 ] && ${words(['bash', 'zsh', 'fish'])} ;;`);
  out.push('  esac', '}', 'complete -F _mqtk mqtk', '');
  return out.join('\n');
}

const zq = (s: string): string => s.replace(/'/g, "'\\''").replace(/\[/g, '\\[').replace(/\]/g, '\\]').replace(/:/g, '\\:');

function zsh(commands: readonly CompletionSource[]): string {
  const action = (o: OptionSpec): string => {
    const v = valueCompletion(o);
    const label = zq(o.arg ?? 'value');
    switch (v.kind) {
      case 'words': return `:${label}:(${v.words.join(' ')})`;
      case 'file': return `:${label}:_files`;
      case 'dir': return `:${label}:_files -/`;
      case 'property': return `:packet:(${targets().join(' ')}):property:_mqtk_property:value: `;
      case 'none': return `:${label}: `;
    }
  };
  const out = [
    '#compdef mqtk',
    '# zsh completion for mqtk, generated from its option tables (npm run docs).',
    '',
    '_mqtk_property() {',
    '  local -a names',
    '  case $words[CURRENT-1] in',
    ...propertyNamesByTarget().map((t) => `    ${t.target}) names=(${t.names.join(' ')}) ;;`),
    '  esac',
    "  _describe -t properties 'property' names",
    '}',
    '',
    ...commands.flatMap((c) => (c.subcommands ? [...zshSubcommands(wordsFn(c, 'zsh'), c.subcommands), ''] : [])),
    '_mqtk() {',
    '  local -a commands',
    '  commands=(',
    ...[...commands, ...builtinCommands].map((c) => `    '${c.name}:${zq(c.summary)}'`),
    '  )',
    '  if (( CURRENT == 2 )); then',
    "    _describe 'command' commands",
    `    [[ $PREFIX == -* ]] && compadd -- ${globalOptions.flatMap((o) => o.flags).join(' ')}`,
    '    return',
    '  fi',
    // _arguments reads the words after the command as the command's own.
    '  local cmd=$words[2]',
    '  shift words; (( CURRENT-- ))',
    '  case $cmd in',
  ];
  for (const c of commands) {
    const specs: string[] = [];
    for (const o of c.options) {
      // Repeatable options may be given again; the others are offered once.
      const spec = o.repeat || o.kind === 'property'
        ? (o.flags.length > 1 ? `'*'{${o.flags.join(',')}}'` : `'*${o.flags[0]}`)
        : o.flags.length > 1 ? `'(${o.flags.join(' ')})'{${o.flags.join(',')}}'` : `'${o.flags[0]}`;
      specs.push(`${spec}[${zq(o.describe)}]${o.arg ? action(o) : ''}'`);
    }
    // -A: options end at the first positional word, as the parser reads them ('rest').
    if (c.subcommands) specs.push(`'*::word:${wordsFn(c, 'zsh')}'`);
    else if (c.positionals) specs.push("'*:file:_files'");
    out.push(`    ${c.name})`, `      _arguments ${c.positionals === 'rest' ? "-A '-*' " : ''}${specs.join(' \\\n        ')}`, '      ;;');
  }
  out.push(`    help) (( CURRENT == 2 )) && compadd -- ${commands.map((c) => c.name).join(' ')} ;;`);
  out.push('    completion) (( CURRENT == 2 )) && compadd -- bash zsh fish ;;');
  out.push('  esac', '}', '', '_mqtk "$@"', '');
  return out.join('\n');
}

const fq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(commands: readonly CompletionSource[]): string {
  const names = commands.map((c) => c.name);
  const out = [
    '# fish completion for mqtk, generated from its option tables (npm run docs).',
    'complete -c mqtk -f',
    ...[...commands, ...builtinCommands].map((c) => `complete -c mqtk -n __fish_use_subcommand -a ${c.name} -d ${fq(c.summary)}`),
    ...globalOptions.map((o) => `complete -c mqtk -n __fish_use_subcommand -l ${o.flags[0]!.slice(2)} -d ${fq(o.describe)}`),
    `complete -c mqtk -n '__fish_seen_subcommand_from help; and test (count (commandline -opc)) -eq 2' -a ${fq(names.join(' '))}`,
    "complete -c mqtk -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
  ];
  for (const c of commands) {
    const when = `'__fish_seen_subcommand_from ${c.name}'`;
    if (c.subcommands) out.push(...fishSubcommands(wordsFn(c, 'fish'), c.options, c.subcommands));
    else if (c.positionals) out.push(`complete -c mqtk -n ${when} -F`);
    for (const o of c.options) {
      const flags = o.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      const v = o.arg ? valueCompletion(o) : undefined;
      const value = v === undefined ? ''
        : v.kind === 'words' ? ` -x -a ${fq(v.words.join(' '))}`
          : v.kind === 'property' ? ` -x -a ${fq(targets().join(' '))}`
            : v.kind === 'file' || v.kind === 'dir' ? ' -r -F' : ' -x';
      out.push(`complete -c mqtk -n ${when} ${flags}${value} -d ${fq(o.describe)}`);
    }
    if (c.options.some((o) => o.kind === 'property')) {
      for (const t of propertyNamesByTarget()) {
        out.push(`complete -c mqtk -n '__fish_seen_subcommand_from ${c.name}; and __fish_prev_arg_in ${t.target}' -x -a ${fq(t.names.join(' '))}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

export function formatCompletion(shell: CompletionShell, commands: readonly CompletionSource[]): string {
  return shell === 'bash' ? bash(commands) : shell === 'zsh' ? zsh(commands) : fish(commands);
}
