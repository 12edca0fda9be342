# bash completion for mqtk, generated from its option tables (scripts/gen-docs.ts).
_mqtk() {
  local cur prev cmd
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  cmd="${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "pub sub rr ctrl passwd serve bench completion" -- "$cur") )
    return
  fi
  case "$cmd" in
    pub)
      case "$prev" in
        -t|--topic) COMPREPLY=(); return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -m|--message) COMPREPLY=(); return ;;
        -f|--file) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --repeat) COMPREPLY=(); return ;;
        --repeat-delay) COMPREPLY=(); return ;;
        -h|--host) COMPREPLY=(); return ;;
        -p|--port) COMPREPLY=(); return ;;
        -L|--url) COMPREPLY=(); return ;;
        --unix) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) COMPREPLY=(); return ;;
        -P|--pw) COMPREPLY=(); return ;;
        -i|--id) COMPREPLY=(); return ;;
        -I|--id-prefix) COMPREPLY=(); return ;;
        -k|--keepalive) COMPREPLY=(); return ;;
        -x) COMPREPLY=(); return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=(); return ;;
        -M) COMPREPLY=(); return ;;
        -A) COMPREPLY=(); return ;;
        --ws-path) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --connect-timeout) COMPREPLY=(); return ;;
        --will-topic) COMPREPLY=(); return ;;
        --will-payload) COMPREPLY=(); return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --cert) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) COMPREPLY=(); return ;;
        --tls-alpn) COMPREPLY=(); return ;;
        --psk) COMPREPLY=(); return ;;
        --psk-identity) COMPREPLY=(); return ;;
        --tls-engine) COMPREPLY=(); return ;;
        --proxy) COMPREPLY=(); return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-t --topic -q --qos -m --message -f --file -s --stdin-file -l --stdin-line -n --null-message -r --retain --repeat --repeat-delay -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") )
      ;;
    sub)
      case "$prev" in
        -t|--topic) COMPREPLY=(); return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -T|--filter-out) COMPREPLY=(); return ;;
        -U|--unsubscribe) COMPREPLY=(); return ;;
        -C) COMPREPLY=(); return ;;
        -W) COMPREPLY=(); return ;;
        --retain-handling) COMPREPLY=( $(compgen -W "always new never" -- "$cur") ); return ;;
        --random-filter) COMPREPLY=(); return ;;
        -F) COMPREPLY=(); return ;;
        -h|--host) COMPREPLY=(); return ;;
        -p|--port) COMPREPLY=(); return ;;
        -L|--url) COMPREPLY=(); return ;;
        --unix) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) COMPREPLY=(); return ;;
        -P|--pw) COMPREPLY=(); return ;;
        -i|--id) COMPREPLY=(); return ;;
        -I|--id-prefix) COMPREPLY=(); return ;;
        -k|--keepalive) COMPREPLY=(); return ;;
        -x) COMPREPLY=(); return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=(); return ;;
        -M) COMPREPLY=(); return ;;
        -A) COMPREPLY=(); return ;;
        --ws-path) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --connect-timeout) COMPREPLY=(); return ;;
        --will-topic) COMPREPLY=(); return ;;
        --will-payload) COMPREPLY=(); return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --cert) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) COMPREPLY=(); return ;;
        --tls-alpn) COMPREPLY=(); return ;;
        --psk) COMPREPLY=(); return ;;
        --psk-identity) COMPREPLY=(); return ;;
        --tls-engine) COMPREPLY=(); return ;;
        --proxy) COMPREPLY=(); return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-t --topic -q --qos -T --filter-out -U --unsubscribe -C -W -E -R --retained-only --remove-retained --retain-as-published --retain-handling --random-filter -v --verbose -F -N --pretty -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") )
      ;;
    rr)
      case "$prev" in
        -t|--topic) COMPREPLY=(); return ;;
        -e|--response-topic) COMPREPLY=(); return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -m|--message) COMPREPLY=(); return ;;
        -f|--file) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -W) COMPREPLY=(); return ;;
        --count) COMPREPLY=(); return ;;
        --retain-handling) COMPREPLY=( $(compgen -W "always new never" -- "$cur") ); return ;;
        -F) COMPREPLY=(); return ;;
        -h|--host) COMPREPLY=(); return ;;
        -p|--port) COMPREPLY=(); return ;;
        -L|--url) COMPREPLY=(); return ;;
        --unix) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) COMPREPLY=(); return ;;
        -P|--pw) COMPREPLY=(); return ;;
        -i|--id) COMPREPLY=(); return ;;
        -I|--id-prefix) COMPREPLY=(); return ;;
        -k|--keepalive) COMPREPLY=(); return ;;
        -x) COMPREPLY=(); return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=(); return ;;
        -M) COMPREPLY=(); return ;;
        -A) COMPREPLY=(); return ;;
        --ws-path) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --connect-timeout) COMPREPLY=(); return ;;
        --will-topic) COMPREPLY=(); return ;;
        --will-payload) COMPREPLY=(); return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --cert) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) COMPREPLY=(); return ;;
        --tls-alpn) COMPREPLY=(); return ;;
        --psk) COMPREPLY=(); return ;;
        --psk-identity) COMPREPLY=(); return ;;
        --tls-engine) COMPREPLY=(); return ;;
        --proxy) COMPREPLY=(); return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-t --topic -e --response-topic -q --qos -m --message -f --file -s --stdin-file -n --null-message -W --count --respond -R --retain-as-published --retain-handling -v --verbose -F -N --pretty -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color" -- "$cur") )
      ;;
    ctrl)
      case "$prev" in
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -W) COMPREPLY=(); return ;;
        -h|--host) COMPREPLY=(); return ;;
        -p|--port) COMPREPLY=(); return ;;
        -L|--url) COMPREPLY=(); return ;;
        --unix) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) COMPREPLY=(); return ;;
        -P|--pw) COMPREPLY=(); return ;;
        -i|--id) COMPREPLY=(); return ;;
        -I|--id-prefix) COMPREPLY=(); return ;;
        -k|--keepalive) COMPREPLY=(); return ;;
        -x) COMPREPLY=(); return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=(); return ;;
        -M) COMPREPLY=(); return ;;
        -A) COMPREPLY=(); return ;;
        --ws-path) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --connect-timeout) COMPREPLY=(); return ;;
        --will-topic) COMPREPLY=(); return ;;
        --will-payload) COMPREPLY=(); return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --cert) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) COMPREPLY=(); return ;;
        --tls-alpn) COMPREPLY=(); return ;;
        --psk) COMPREPLY=(); return ;;
        --psk-identity) COMPREPLY=(); return ;;
        --tls-engine) COMPREPLY=(); return ;;
        --proxy) COMPREPLY=(); return ;;
        --output) COMPREPLY=( $(compgen -W "text json trace" -- "$cur") ); return ;;
      esac
      if [[ "${COMP_WORDS[COMP_CWORD-1]}" == dynsec ]]; then COMPREPLY=( $(compgen -W "help init getDefaultACLAccess setDefaultACLAccess getAnonymousGroup setAnonymousGroup createClient deleteClient setClientPassword setClientId addClientRole removeClientRole getClient listClients enableClient disableClient createGroup deleteGroup addGroupRole removeGroupRole addGroupClient removeGroupClient getGroup listGroups createRole deleteRole addRoleACL removeRoleACL getRole listRoles" -- "$cur") ); return; fi
      if [[ "${COMP_WORDS[COMP_CWORD-1]}" == setDefaultACLAccess ]]; then COMPREPLY=( $(compgen -W "publishClientSend publishClientReceive subscribe unsubscribe" -- "$cur") ); return; fi
      if [[ "${COMP_WORDS[COMP_CWORD-2]}" == setDefaultACLAccess ]]; then COMPREPLY=( $(compgen -W "allow deny" -- "$cur") ); return; fi
      if [[ "${COMP_WORDS[COMP_CWORD-2]}" == addRoleACL ]]; then COMPREPLY=( $(compgen -W "publishClientSend publishClientReceive subscribeLiteral subscribePattern unsubscribeLiteral unsubscribePattern" -- "$cur") ); return; fi
      if [[ "${COMP_WORDS[COMP_CWORD-2]}" == removeRoleACL ]]; then COMPREPLY=( $(compgen -W "publishClientSend publishClientReceive subscribeLiteral subscribePattern unsubscribeLiteral unsubscribePattern" -- "$cur") ); return; fi
      if [[ "${COMP_WORDS[COMP_CWORD-4]}" == addRoleACL ]]; then COMPREPLY=( $(compgen -W "allow deny" -- "$cur") ); return; fi
      COMPREPLY=( $(compgen -W "-q --qos -W -h --host -p --port -L --url --unix -u --username -P --pw -i --id -I --id-prefix -k --keepalive -c --disable-clean-session -x -V --protocol-version -D --property -M -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy -d --debug --quiet --help --version --output --json --trace --color --no-color dynsec" -- "$cur") )
      ;;
    passwd)
      case "$prev" in
        -H) COMPREPLY=( $(compgen -W "argon2id sha512-pbkdf2 sha512" -- "$cur") ); return ;;
        -I) COMPREPLY=(); return ;;
        --mosquitto) COMPREPLY=( $(compgen -W "1.6 2.0 2.1" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-c -b -D -U --check --list --stdin --follow-symlinks -H -I --mosquitto --help --version" -- "$cur") )
      ;;
    serve)
      case "$prev" in
        -c|--config-file) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -p|--port) COMPREPLY=(); return ;;
        --bind) COMPREPLY=(); return ;;
        --persist) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --log) COMPREPLY=( $(compgen -W "text json" -- "$cur") ); return ;;
      esac
      COMPREPLY=( $(compgen -W "-c --config-file -p --port --bind --persist -v --verbose --log --trace --help --version" -- "$cur") )
      ;;
    bench)
      case "$prev" in
        -c|--clients) COMPREPLY=(); return ;;
        --subscribers) COMPREPLY=(); return ;;
        -t|--topic) COMPREPLY=(); return ;;
        --filter) COMPREPLY=(); return ;;
        -q|--qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        -s|--size) COMPREPLY=(); return ;;
        --rate) COMPREPLY=(); return ;;
        -I|--interval-of-msg) COMPREPLY=(); return ;;
        --limit) COMPREPLY=(); return ;;
        -d|--duration) COMPREPLY=(); return ;;
        -M|--inflight) COMPREPLY=(); return ;;
        -R|--conn-rate) COMPREPLY=(); return ;;
        -i|--interval) COMPREPLY=(); return ;;
        --client-id) COMPREPLY=(); return ;;
        --start-number) COMPREPLY=(); return ;;
        --workers) COMPREPLY=(); return ;;
        --warmup) COMPREPLY=(); return ;;
        --output) COMPREPLY=( $(compgen -W "text json" -- "$cur") ); return ;;
        --csv) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --report) COMPREPLY=(); return ;;
        -h|--host) COMPREPLY=(); return ;;
        -p|--port) COMPREPLY=(); return ;;
        -L|--url) COMPREPLY=(); return ;;
        --unix) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        -u|--username) COMPREPLY=(); return ;;
        -P|--pw) COMPREPLY=(); return ;;
        -k|--keepalive) COMPREPLY=(); return ;;
        -x) COMPREPLY=(); return ;;
        -V|--protocol-version) COMPREPLY=( $(compgen -W "5 311 31 mqttv5 mqttv311 mqttv31" -- "$cur") ); return ;;
        -D|--property) COMPREPLY=(); return ;;
        -A) COMPREPLY=(); return ;;
        --ws-path) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --connect-timeout) COMPREPLY=(); return ;;
        --will-topic) COMPREPLY=(); return ;;
        --will-payload) COMPREPLY=(); return ;;
        --will-qos) COMPREPLY=( $(compgen -W "0 1 2" -- "$cur") ); return ;;
        --cafile) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --capath) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --cert) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --key) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
        --keyform) COMPREPLY=( $(compgen -W "pem engine" -- "$cur") ); return ;;
        --tls-version) COMPREPLY=( $(compgen -W "tlsv1.3 tlsv1.2 tlsv1.1" -- "$cur") ); return ;;
        --ciphers) COMPREPLY=(); return ;;
        --tls-alpn) COMPREPLY=(); return ;;
        --psk) COMPREPLY=(); return ;;
        --psk-identity) COMPREPLY=(); return ;;
        --tls-engine) COMPREPLY=(); return ;;
        --proxy) COMPREPLY=(); return ;;
      esac
      COMPREPLY=( $(compgen -W "-c --clients --subscribers -t --topic --filter -q --qos -r --retain -s --size --rate -I --interval-of-msg --limit -d --duration -M --inflight -R --conn-rate -i --interval --client-id --start-number --workers --warmup --output --json --csv --report -h --host -p --port -L --url --unix -u --username -P --pw -k --keepalive -x -V --protocol-version -D --property -A --nodelay --ws-path --connect-timeout --will-topic --will-payload --will-qos --will-retain --cafile --capath --tls-use-os-certs --cert --key --keyform --insecure --tls-version --ciphers --tls-alpn --psk --psk-identity --tls-engine --proxy --quiet --help --version" -- "$cur") )
      ;;
    completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ) ;;
  esac
}
complete -o default -F _mqtk mqtk
