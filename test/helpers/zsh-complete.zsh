#!/usr/bin/env zsh
# Prints the candidates zsh's completion system offers for a command line, one per line.
# Usage: zsh zsh-complete.zsh COMPLETION_DIR 'mqtk pub -q ' ['mqtk sub -V ' ...]
# Each line's candidates follow a line '== LINE'.
# An interactive zsh runs in a pseudo-terminal (zpty); compadd is wrapped to print what
# the completion functions add, then TAB is sent after the given line.
zmodload zsh/zpty || exit 2
dir=$1; shift
buf=
# Reads the shell's output until it matches the pattern (10 s at most).
readuntil() {
  local chunk i
  for i in {1..400}; do
    if zpty -rt z chunk; then buf+=$chunk; [[ $buf == $~1 ]] && return 0; else sleep 0.025; fi
  done
  return 1
}
zpty z zsh -f -i
zpty -w z "fpath=($dir \$fpath); PROMPT=; RPROMPT=; unsetopt zle_bracketed_paste"
# Never /dev/null: compinit may still write its dump there by renaming a file over it.
zpty -w z "autoload -U compinit; compinit -u -D -d $dir/.zcompdump"
zpty -w z 'compadd () { local -a __hits __dscr; if (( $@[(I)-O] + $@[(I)-A] + $@[(I)-D] )); then builtin compadd "$@"; return; fi; builtin compadd -A __hits -D __dscr "$@"; (( $#__hits )) && print -rl -- "<hit>"${^__hits}; builtin compadd "$@" }'
zpty -w z "bindkey '^I' complete-word; zstyle ':completion:*' menu no; echo READY''MARK"
readuntil '*READYMARK*' || exit 3
for line in "$@"; do
  buf=
  zpty -w -n z "$line"$'\t'
  zpty -w -n z $'\C-u'
  zpty -w z "echo DONE''MARK"
  readuntil '*DONEMARK*' || exit 4
  print -r -- "== $line"
  print -rl -- ${(u)${(M)${(f)buf//$'\r'/}:#*<hit>*}#*<hit>}
done
zpty -d z
