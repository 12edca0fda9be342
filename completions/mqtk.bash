# bash completion for mqtk, generated from its option tables (npm run docs).
# -D PACKET NAME VALUE: the packet, then the properties that packet may carry.
_mqtk_property() {
  case "$1" in
    connect) COMPREPLY=( $(compgen -W "session-expiry-interval authentication-method authentication-data request-problem-information request-response-information receive-maximum topic-alias-maximum user-property maximum-packet-size" -- "$cur") ) ;;
    publish) COMPREPLY=( $(compgen -W "payload-format-indicator message-expiry-interval content-type response-topic correlation-data topic-alias user-property" -- "$cur") ) ;;
    subscribe) COMPREPLY=( $(compgen -W "subscription-identifier user-property" -- "$cur") ) ;;
    unsubscribe) COMPREPLY=( $(compgen -W "user-property" -- "$cur") ) ;;
    disconnect) COMPREPLY=( $(compgen -W "session-expiry-interval server-reference reason-string user-property" -- "$cur") ) ;;
    will) COMPREPLY=( $(compgen -W "payload-format-indicator message-expiry-interval content-type response-topic correlation-data will-delay-interval user-property" -- "$cur") ) ;;
  esac
}
_mqtk_ctrl_words() {
  local i=2 w ended= pos=()
  while [ "$i" -lt "$COMP_CWORD" ]; do
    w="${COMP_WORDS[i]}"
    if [ "${#pos[@]}" -gt 0 ] || [ -n "$ended" ] || [[ "$w" != -?* ]]; then pos+=("$w")
    else
      case "$w" in
        --) ended=1 ;;
        -D|--property) [ "${COMP_WORDS[i+2]}" = user-property ] && i=$((i+1)); i=$((i+3)) ;;
        -q|--qos|-W|-h|--host|-p|--port|-L|--url|--unix|-u|--username|-P|--pw|-i|--id|-I|--id-prefix|-k|--keepalive|-x|-V|--protocol-version|-M|-A|--ws-path|--connect-timeout|--will-topic|--will-payload|--will-qos|--cafile|--capath|--cert|--key|--keyform|--tls-version|--ciphers|--tls-alpn|--psk|--psk-identity|--tls-engine|--proxy|--output) i=$((i+1)) ;;
      esac
    fi
    i=$((i+1))
  done
  [ "${#pos[@]}" -eq 0 ] && return 1
  case "${pos[0]}" in
    dynsec)
      if [ "${#pos[@]}" -eq 1 ]; then COMPREPLY=( $(compgen -W "help init getDefaultACLAccess setDefaultACLAccess getAnonymousGroup setAnonymousGroup createClient deleteClient setClientPassword setClientId addClientRole removeClientRole getClient listClients enableClient disableClient createGroup deleteGroup addGroupRole removeGroupRole addGroupClient removeGroupClient getGroup listGroups createRole deleteRole addRoleACL removeRoleACL getRole listRoles" -- "$cur") ); return 0; fi
      case "${pos[1]}" in
        init)
          case $(( ${#pos[@]} - 2 )) in
            0) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ) ;;
          esac
          ;;
        setDefaultACLAccess)
          case $(( ${#pos[@]} - 2 )) in
            0) COMPREPLY=( $(compgen -W "publishClientSend publishClientReceive subscribe unsubscribe" -- "$cur") ) ;;
            1) COMPREPLY=( $(compgen -W "allow deny" -- "$cur") ) ;;
          esac
          ;;
        addRoleACL)
          case $(( ${#pos[@]} - 2 )) in
            1) COMPREPLY=( $(compgen -W "publishClientSend publishClientReceive subscribeLiteral subscribePattern unsubscribeLiteral unsubscribePattern" -- "$cur") ) ;;
            3) COMPREPLY=( $(compgen -W "allow deny" -- "$cur") ) ;;
          esac
          ;;
        removeRoleACL)
          case $(( ${#pos[@]} - 2 )) in
            1) COMPREPLY=( $(compgen -W "publishClientSend publishClientReceive subscribeLiteral subscribePattern unsubscribeLiteral unsubscribePattern" -- "$cur") ) ;;
          esac
          ;;
      esac
      ;;
  esac
  return 0
}
_mqtk() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="${COMP_WORDS[1]}"
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "pub sub rr ctrl passwd serve bench help completion --help --version --color --no-color" -- "$cur") )
    return
  fi
  if [ "$COMP_CWORD" -ge 3 ]; then
    case "${COMP_WORDS[COMP_CWORD-2]}" in -D|--property) _mqtk_property "$prev"; return ;; esac
    case "${COMP_WORDS[COMP_CWORD-3]}" in -D|--property) return ;; esac
  fi
  case "$cmd" in
    pub)
      case "$prev" in
        -t|--topic) :; return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -m|--message) :; return ;;
        -f|--file) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --repeat) :; return ;;
        --repeat-delay) :; return ;;
        -h|--host) :; return ;;
        -p|--port) :; return ;;
        -L|--url) :; return ;;
        --unix) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) :; return ;;
        -P|--pw) :; return ;;
        -i|--id) :; return ;;
        -I|--id-prefix) :; return ;;
        -k|--keepalive) :; return ;;
        -x) :; return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=( $(compgen -W "connect publish subscribe unsubscribe disconnect will" -- "$cur") ); return ;;
        -M) :; return ;;
        -A) :; return ;;
        --ws-path) :; return ;;
        --connect-timeout) :; return ;;
        --will-topic) :; return ;;
        --will-payload) :; return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
        --cert) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) :; return ;;
        --tls-alpn) :; return ;;
        --psk) :; return ;;
        --psk-identity) :; return ;;
        --tls-engine) :; return ;;
        --proxy) :; return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-t --topic -q --qos -m --message -f --file -s --stdin-file -l --stdin-line -n --null-message -r --retain --repeat --repeat-delay -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") )
      ;;
    sub)
      case "$prev" in
        -t|--topic) :; return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -T|--filter-out) :; return ;;
        -U|--unsubscribe) :; return ;;
        -C) :; return ;;
        -W) :; return ;;
        --retain-handling) COMPREPLY=( $(compgen -W "always new never" -- "$cur") ); return ;;
        --random-filter) :; return ;;
        -F) :; return ;;
        -h|--host) :; return ;;
        -p|--port) :; return ;;
        -L|--url) :; return ;;
        --unix) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) :; return ;;
        -P|--pw) :; return ;;
        -i|--id) :; return ;;
        -I|--id-prefix) :; return ;;
        -k|--keepalive) :; return ;;
        -x) :; return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=( $(compgen -W "connect publish subscribe unsubscribe disconnect will" -- "$cur") ); return ;;
        -M) :; return ;;
        -A) :; return ;;
        --ws-path) :; return ;;
        --connect-timeout) :; return ;;
        --will-topic) :; return ;;
        --will-payload) :; return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
        --cert) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) :; return ;;
        --tls-alpn) :; return ;;
        --psk) :; return ;;
        --psk-identity) :; return ;;
        --tls-engine) :; return ;;
        --proxy) :; return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-t --topic -q --qos -T --filter-out -U --unsubscribe -C -W -E -R --retained-only --remove-retained --retain-as-published --retain-handling --random-filter -v --verbose -F -N --pretty -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") )
      ;;
    rr)
      case "$prev" in
        -t|--topic) :; return ;;
        -e|--response-topic) :; return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -m|--message) :; return ;;
        -f|--file) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -W) :; return ;;
        --count) :; return ;;
        --retain-handling) COMPREPLY=( $(compgen -W "always new never" -- "$cur") ); return ;;
        -F) :; return ;;
        -h|--host) :; return ;;
        -p|--port) :; return ;;
        -L|--url) :; return ;;
        --unix) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) :; return ;;
        -P|--pw) :; return ;;
        -i|--id) :; return ;;
        -I|--id-prefix) :; return ;;
        -k|--keepalive) :; return ;;
        -x) :; return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=( $(compgen -W "connect publish subscribe unsubscribe disconnect will" -- "$cur") ); return ;;
        -M) :; return ;;
        -A) :; return ;;
        --ws-path) :; return ;;
        --connect-timeout) :; return ;;
        --will-topic) :; return ;;
        --will-payload) :; return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
        --cert) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) :; return ;;
        --tls-alpn) :; return ;;
        --psk) :; return ;;
        --psk-identity) :; return ;;
        --tls-engine) :; return ;;
        --proxy) :; return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "-t --topic -e --response-topic -q --qos -m --message -f --file -s --stdin-file -n --null-message -W --count --respond -R --retain-as-published --retain-handling -v --verbose -F -N --pretty -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") ); else compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); fi
      ;;
    ctrl)
      _mqtk_ctrl_words && return
      case "$prev" in
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -W) :; return ;;
        -h|--host) :; return ;;
        -p|--port) :; return ;;
        -L|--url) :; return ;;
        --unix) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) :; return ;;
        -P|--pw) :; return ;;
        -i|--id) :; return ;;
        -I|--id-prefix) :; return ;;
        -k|--keepalive) :; return ;;
        -x) :; return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=( $(compgen -W "connect publish subscribe unsubscribe disconnect will" -- "$cur") ); return ;;
        -M) :; return ;;
        -A) :; return ;;
        --ws-path) :; return ;;
        --connect-timeout) :; return ;;
        --will-topic) :; return ;;
        --will-payload) :; return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
        --cert) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) :; return ;;
        --tls-alpn) :; return ;;
        --psk) :; return ;;
        --psk-identity) :; return ;;
        --tls-engine) :; return ;;
        --proxy) :; return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "-q --qos -W -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") ); else COMPREPLY=( $(compgen -W "dynsec" -- "$cur") ); fi
      ;;
    passwd)
      case "$prev" in
        -H) COMPREPLY=( $(compgen -W "argon2id sha512-pbkdf2 sha512" -- "$cur") ); return ;;
        -I) :; return ;;
        --mosquitto) COMPREPLY=( $(compgen -W "1.6 2.0 2.1" -- "$cur") ); return ;;
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "-c -b -D -U --check --list --stdin --follow-symlinks -H -I --mosquitto --help --version" -- "$cur") ); else compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); fi
      ;;
    serve)
      case "$prev" in
        -c|--config-file) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -p|--port) :; return ;;
        --bind) :; return ;;
        --persist) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
        --log) COMPREPLY=( $(compgen -W "text json" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-c --config-file -p --port --bind --persist --persist-repair --persist-sync -v --verbose --log --trace --help --version" -- "$cur") )
      ;;
    bench)
      case "$prev" in
        -c|--clients) :; return ;;
        --subscribers) :; return ;;
        -t|--topic) :; return ;;
        --filter) :; return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -s|--size) :; return ;;
        --rate) :; return ;;
        -I|--interval-of-msg) :; return ;;
        --limit) :; return ;;
        -d|--duration) :; return ;;
        -M|--inflight) :; return ;;
        -R|--conn-rate) :; return ;;
        -i|--interval) :; return ;;
        --reconnect) :; return ;;
        --num-retry-connect) :; return ;;
        --reconnect-delay) :; return ;;
        --client-id) :; return ;;
        --start-number) :; return ;;
        --workers) :; return ;;
        --warmup) :; return ;;
        --output) COMPREPLY=( $(compgen -W "text json" -- "$cur") ); return ;;
        --csv) :; return ;;
        --report) :; return ;;
        -h|--host) :; return ;;
        -p|--port) :; return ;;
        -L|--url) :; return ;;
        --unix) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) :; return ;;
        -P|--pw) :; return ;;
        -k|--keepalive) :; return ;;
        -x) :; return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=( $(compgen -W "connect publish subscribe unsubscribe disconnect will" -- "$cur") ); return ;;
        -A) :; return ;;
        --ws-path) :; return ;;
        --connect-timeout) :; return ;;
        --will-topic) :; return ;;
        --will-payload) :; return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
        --cert) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) :; return ;;
        --tls-alpn) :; return ;;
        --psk) :; return ;;
        --psk-identity) :; return ;;
        --tls-engine) :; return ;;
        --proxy) :; return ;;
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "-c --clients --subscribers -t --topic --filter -q --qos -r --retain -s --size --rate -I --interval-of-msg --limit -d --duration -M --inflight -R --conn-rate -i --interval --reconnect --num-retry-connect --reconnect-delay --client-id --start-number --workers --warmup --output --json --per-client --csv --report -h --host -p --port -L --url --unix -u --username -P --pw -k --keepalive -x -V --protocol-version -D --property -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy --quiet --help --version" -- "$cur") ); else compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- "$cur") ); fi
      ;;
    help) [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=( $(compgen -W "pub sub rr ctrl passwd serve bench" -- "$cur") ) ;;
    completion) [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=( $(compgen -W "bash zsh fish" -- "$cur") ) ;;
  esac
}
complete -F _mqtk mqtk
