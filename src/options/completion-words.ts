// Completion of the words after a command's options when they are subcommands (ctrl:
// `dynsec`, then its commands, then their arguments), rendered for bash, zsh and fish
// from the one SubcommandSpec tree. Each shell first finds the positional words before
// the cursor (skipping options and their values, as the parser does: options end at the
// first positional), then walks the tree: the names at their position, then the
// arguments of the one given (`words`, or file names).
import type { ArgSpec, OptionSpec, SubcommandSpec } from './spec.js';

/** An argument that completes something (free-text arguments complete nothing). */
const completes = (a: ArgSpec): boolean => a.words !== undefined || a.completes !== undefined;
const hasWords = (s: SubcommandSpec): boolean => (s.subcommands?.length ?? 0) > 0 || (s.args ?? []).some(completes);

/** Flags whose option takes one value (the next word); `-D` takes 3 or 4 and is handled apart. */
const valueFlags = (options: readonly OptionSpec[]): string[] => options.filter((o) => o.arg && o.kind !== 'property').flatMap((o) => o.flags);
const propertyFlags = (options: readonly OptionSpec[]): string[] => options.filter((o) => o.kind === 'property').flatMap((o) => o.flags);

interface Rendering {
  /** `names` offered at `depth` positional words in, for the path of names before them. */
  level(depth: number, names: readonly SubcommandSpec[], indent: string): string[];
  /** The case branch for argument `index` (0-based) of a subcommand. */
  arg(index: number, a: ArgSpec): string;
  /** A case over the positional word at `depth` (0-based), or the argument index. */
  switchWord(depth: number): string;
  switchArg(depth: number): string;
  branch(pattern: string, body: string[], indent: string): string[];
  end: string;
}

/**
 * Shared walk: at each level offer the names, then branch on the name given. Level 0's
 * names are offered by the caller (bash and fish with the options; zsh at CURRENT 1).
 */
function walk(r: Rendering, names: readonly SubcommandSpec[], depth: number, indent: string): string[] {
  const out = depth > 0 ? r.level(depth, names, indent) : [];
  const branches = names.filter(hasWords);
  if (branches.length === 0) return out;
  out.push(`${indent}${r.switchWord(depth)}`);
  for (const s of branches) {
    let body: string[];
    if (s.subcommands?.length) {
      body = walk(r, s.subcommands, depth + 1, `${indent}    `);
    } else {
      const args = (s.args ?? []).map((a, i) => [a, i] as const).filter(([a]) => completes(a));
      body = [`${indent}    ${r.switchArg(depth + 1)}`, ...args.map(([a, i]) => `${indent}      ${r.arg(i, a)}`), `${indent}    ${r.end}`];
    }
    out.push(...r.branch(s.name, body, `${indent}  `));
  }
  out.push(`${indent}${r.end}`);
  return out;
}

const bashWords = (words: readonly string[]): string => `COMPREPLY=( $(compgen -W "${words.join(' ')}" -- "$cur") )`;
export const bashFiles = 'compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") )';

/**
 * bash: fills `pos` with the positional words before the cursor; with none yet, returns
 * 1 so the caller completes options and their values, else completes them and returns 0.
 */
export function bashSubcommands(options: readonly OptionSpec[], names: readonly SubcommandSpec[], indent: string): string[] {
  const r: Rendering = {
    level: (depth, subs, i) => [`${i}if [ "\${#pos[@]}" -eq ${depth} ]; then ${bashWords(subs.map((s) => s.name))}; return 0; fi`],
    arg: (index, a) => `${index}) ${a.words ? bashWords(a.words) : bashFiles} ;;`,
    switchWord: (depth) => `case "\${pos[${depth}]}" in`,
    switchArg: (depth) => `case $(( \${#pos[@]} - ${depth} )) in`,
    branch: (pattern, body, i) => [`${i}${pattern})`, ...body, `${i}  ;;`],
    end: 'esac',
  };
  const props = propertyFlags(options);
  return [
    `${indent}local i=2 w ended= pos=()`,
    `${indent}while [ "$i" -lt "$COMP_CWORD" ]; do`,
    `${indent}  w="\${COMP_WORDS[i]}"`,
    `${indent}  if [ "\${#pos[@]}" -gt 0 ] || [ -n "$ended" ] || [[ "$w" != -?* ]]; then pos+=("$w")`,
    `${indent}  else`,
    `${indent}    case "$w" in`,
    `${indent}      --) ended=1 ;;`,
    ...(props.length ? [`${indent}      ${props.join('|')}) [ "\${COMP_WORDS[i+2]}" = user-property ] && i=$((i+1)); i=$((i+3)) ;;`] : []),
    `${indent}      ${valueFlags(options).join('|')}) i=$((i+1)) ;;`,
    `${indent}    esac`,
    `${indent}  fi`,
    `${indent}  i=$((i+1))`,
    `${indent}done`,
    `${indent}[ "\${#pos[@]}" -eq 0 ] && return 1`,
    ...walk(r, names, 0, indent),
    `${indent}return 0`,
  ];
}

const zshName = (s: string): string => s.replace(/'/g, "'\\''").replace(/:/g, '\\:');

/** zsh: a function for `_arguments '*::word:FUNCTION'`, which leaves only the positional words in `words`. */
export function zshSubcommands(fn: string, names: readonly SubcommandSpec[]): string[] {
  const describe = (subs: readonly SubcommandSpec[], i: string): string[] => [
    `${i}names=(${subs.map((s) => `'${zshName(s.name)}:${zshName(s.describe)}'`).join(' ')})`,
    `${i}_describe -t words 'word' names`,
  ];
  const r: Rendering = {
    level: (depth, subs, i) => [`${i}if (( CURRENT == ${depth + 1} )); then`, ...describe(subs, `${i}  `), `${i}  return`, `${i}fi`],
    arg: (index, a) => `${index}) ${a.words ? `compadd -- ${a.words.join(' ')}` : '_files'} ;;`,
    switchWord: (depth) => `case $words[${depth + 1}] in`,
    switchArg: (depth) => `case $(( CURRENT - ${depth + 1} )) in`,
    branch: (pattern, body, i) => [`${i}${pattern})`, ...body, `${i}  ;;`],
    end: 'esac',
  };
  return [`${fn}() {`, '  local -a names', '  if (( CURRENT == 1 )); then', ...describe(names, '    '), '    return', '  fi', ...walk(r, names, 0, '  '), '}'];
}

const fq = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** fish: a condition function `FN N WORD...` (exactly N positional words, starting with WORD...) and a line per completion. */
export function fishSubcommands(fn: string, options: readonly OptionSpec[], names: readonly SubcommandSpec[]): string[] {
  const props = propertyFlags(options);
  const out = [
    `function ${fn} --description 'true when exactly N positional words precede the cursor, starting with the words given'`,
    '    set -l pos; set -l skip 0; set -l prop 0; set -l ended 0',
    '    for w in (commandline -opc)[3..-1]',
    '        if test $skip -gt 0',
    // -D PACKET user-property KEY VALUE takes one word more than -D PACKET NAME VALUE.
    '            set prop (math $prop + 1)',
    '            test $prop -eq 2 -a "$w" = user-property; and set skip (math $skip + 1)',
    '            set skip (math $skip - 1)',
    '        else if test (count $pos) -eq 0 -a $ended -eq 0; and string match -qr -- \'^-.\' $w',
    '            switch $w',
    '                case --',
    '                    set ended 1',
    ...(props.length ? [`                case ${props.join(' ')}`, '                    set skip 3; set prop 0'] : []),
    `                case ${valueFlags(options).join(' ')}`,
    '                    set skip 1; set prop 9',
    '            end',
    '        else',
    '            set -a pos $w',
    '        end',
    '    end',
    '    test $skip -eq 0 -a (count $pos) -eq $argv[1]; or return 1',
    '    set -l want $argv[2..-1]',
    '    for j in (seq (count $want))',
    '        test "$pos[$j]" = "$want[$j]"; or return 1',
    '    end',
    'end',
  ];
  const visit = (subs: readonly SubcommandSpec[], path: readonly string[]): void => {
    const when = fq(`${fn} ${[String(path.length), ...path].join(' ')}`);
    for (const s of subs) out.push(`complete -c mqtk -n ${when} -a ${fq(s.name)} -d ${fq(s.describe)}`);
    for (const s of subs) {
      const here = [...path, s.name];
      if (s.subcommands?.length) visit(s.subcommands, here);
      (s.args ?? []).forEach((a, i) => {
        const at = fq(`${fn} ${[String(here.length + i), ...here].join(' ')}`);
        if (a.words) out.push(`complete -c mqtk -n ${at} -x -a ${fq(a.words.join(' '))}`);
        else if (a.completes) out.push(`complete -c mqtk -n ${at} -F`);
      });
    }
  };
  visit(names, []);
  return out;
}
