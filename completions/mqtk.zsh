#compdef mqtk
# zsh completion for mqtk, generated from its option tables (npm run docs).

_mqtk_property() {
  local -a names
  case $words[CURRENT-1] in
    connect) names=(session-expiry-interval authentication-method authentication-data request-problem-information request-response-information receive-maximum topic-alias-maximum user-property maximum-packet-size) ;;
    publish) names=(payload-format-indicator message-expiry-interval content-type response-topic correlation-data topic-alias user-property) ;;
    subscribe) names=(subscription-identifier user-property) ;;
    unsubscribe) names=(user-property) ;;
    disconnect) names=(session-expiry-interval server-reference reason-string user-property) ;;
    will) names=(payload-format-indicator message-expiry-interval content-type response-topic correlation-data will-delay-interval user-property) ;;
  esac
  _describe -t properties 'property' names
}

_mqtk_ctrl_words() {
  local -a names
  if (( CURRENT == 1 )); then
    names=('dynsec:dynamic-security plugin')
    _describe -t words 'word' names
    return
  fi
  case $words[1] in
    dynsec)
      if (( CURRENT == 2 )); then
        names=('help:List the commands' 'init:Write a new plugin config file' 'getDefaultACLAccess:Get ACL default access' 'setDefaultACLAccess:Set ACL default access' 'getAnonymousGroup:Get group for anonymous clients' 'setAnonymousGroup:Set group for anonymous clients' 'createClient:Create a new client' 'deleteClient:Delete a client' 'setClientPassword:Set a client password' 'setClientId:Set a client id (omit it to clear)' 'addClientRole:Add a role to a client (higher priority first)' 'removeClientRole:Remove a role from a client' 'getClient:Get client information' 'listClients:List all clients' 'enableClient:Enable a client' 'disableClient:Disable a client (and disconnect it)' 'createGroup:Create a new group' 'deleteGroup:Delete a group' 'addGroupRole:Add a role to a group (higher priority first)' 'removeGroupRole:Remove a role from a group' 'addGroupClient:Add a client to a group (priority for this client only)' 'removeGroupClient:Remove a client from a group' 'getGroup:Get group information' 'listGroups:List all groups' 'createRole:Create a new role' 'deleteRole:Delete a role' 'addRoleACL:Add an ACL to a role (higher priority first)' 'removeRoleACL:Remove an ACL from a role' 'getRole:Get role information' 'listRoles:List all roles')
        _describe -t words 'word' names
        return
      fi
      case $words[2] in
        init)
          case $(( CURRENT - 3 )) in
            0) _files ;;
          esac
          ;;
        setDefaultACLAccess)
          case $(( CURRENT - 3 )) in
            0) compadd -- publishClientSend publishClientReceive subscribe unsubscribe ;;
            1) compadd -- allow deny ;;
          esac
          ;;
        addRoleACL)
          case $(( CURRENT - 3 )) in
            1) compadd -- publishClientSend publishClientReceive subscribeLiteral subscribePattern unsubscribeLiteral unsubscribePattern ;;
            3) compadd -- allow deny ;;
          esac
          ;;
        removeRoleACL)
          case $(( CURRENT - 3 )) in
            1) compadd -- publishClientSend publishClientReceive subscribeLiteral subscribePattern unsubscribeLiteral unsubscribePattern ;;
          esac
          ;;
      esac
      ;;
  esac
}

_mqtk() {
  local -a commands
  commands=(
    'pub:publish a message (mosquitto_pub compatible)'
    'sub:subscribe and print messages (mosquitto_sub compatible)'
    'rr:send a request and print the response (mosquitto_rr compatible), or answer requests with a command'
    'ctrl:administer mosquitto'\''s dynamic-security plugin (mosquitto_ctrl compatible)'
    'passwd:manage mosquitto password files (mosquitto_passwd compatible; argon2id by default)'
    'serve:run an MQTT 3.1/3.1.1/5.0 broker (mosquitto.conf subset; local only by default)'
    'bench:load-test a broker\: publishers, subscribers, connections; latency percentiles'
    'help:show mqtk'\''s usage, or a command'\''s'
    'completion:print a shell completion script'
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    [[ $PREFIX == -* ]] && compadd -- --help --version --color --no-color
    return
  fi
  local cmd=$words[2]
  shift words; (( CURRENT-- ))
  case $cmd in
    pub)
      _arguments '*'{-t,--topic}'[topic to publish to]:topic: ' \
        '(-q --qos)'{-q,--qos}'[quality of service 0, 1 or 2 (default 0)]:qos:(0 1 2)' \
        '(-m --message)'{-m,--message}'[message payload]:message: ' \
        '(-f --file)'{-f,--file}'[send the contents of a file as the message]:file:_files' \
        '(-s --stdin-file)'{-s,--stdin-file}'[read the message from stdin, sending all of it as one message]' \
        '(-l --stdin-line)'{-l,--stdin-line}'[read messages from stdin, one message per line]' \
        '(-n --null-message)'{-n,--null-message}'[send a zero-length message]' \
        '(-r --retain)'{-r,--retain}'[retain the message on the broker]' \
        '--repeat[publish the message this many times]:count: ' \
        '--repeat-delay[wait this long between repeats (decimals allowed)]:seconds: ' \
        '(-h --host)'{-h,--host}'[broker host (default localhost)]:host: ' \
        '(-p --port)'{-p,--port}'[broker port (default 1883, 8883 with TLS)]:port: ' \
        '(-L --url)'{-L,--url}'[mqtt(s)\://\[user\[\:pass\]@\]host\[\:port\]/topic, also ws(s)\://]:url: ' \
        '--unix[connect over a unix-domain socket]:path:_files' \
        '(-u --username)'{-u,--username}'[username]:username: ' \
        '(-P --pw)'{-P,--pw}'[password]:password: ' \
        '(-i --id)'{-i,--id}'[client id (default\: the broker assigns one)]:id: ' \
        '(-I --id-prefix)'{-I,--id-prefix}'[client id = prefix + process id]:prefix: ' \
        '(-k --keepalive)'{-k,--keepalive}'[keepalive in seconds, 5-65535 (default 60)]:seconds: ' \
        '(-c --disable-clean-session)'{-c,--disable-clean-session}'[persistent session (clean session off / clean start off); needs -i]' \
        '-x[MQTT 5 session expiry interval; -1 or ∞ never expires]:seconds: ' \
        '(-V --protocol-version)'{-V,--protocol-version}'[MQTT version\: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31)]:version:(5 311 31 mqttv5 mqttv311 mqttv31)' \
        '*'{-D,--property}'[add an MQTT 5 property to a packet (forces MQTT 5)]:packet:(connect publish subscribe unsubscribe disconnect will):property:_mqtk_property:value: ' \
        '-M[maximum QoS 1/2 messages in flight (default 20)]:count: ' \
        '-A[bind the outgoing socket to this local address]:address: ' \
        '--nodelay[disable Nagle (mqtk always sends without delay)]' \
        '--ws-path[HTTP path for ws\:// and wss\:// URLs (default /mqtt)]:path: ' \
        '--connect-timeout[give up when the broker has not answered CONNECT in time (default 30)]:seconds: ' \
        '--will-topic[register a will on this topic]:topic: ' \
        '--will-payload[will payload (default empty)]:payload: ' \
        '--will-qos[will QoS 0-2]:qos:(0 1 2)' \
        '--will-retain[retain the will]' \
        '--cafile[trusted CA certificates (PEM); enables TLS]:file:_files' \
        '--capath[directory of trusted CA certificates; enables TLS]:dir:_files -/' \
        '--tls-use-os-certs[trust the system'\''s CA store; enables TLS]' \
        '--cert[client certificate (PEM); needs --key]:file:_files' \
        '--key[client private key (PEM); needs --cert]:file:_files' \
        '--keyform[key type (only pem is supported)]:pem|engine:(pem engine)' \
        '--insecure[do not check the server certificate'\''s host name]' \
        '--tls-version[tlsv1.3, tlsv1.2 or tlsv1.1]:version:(tlsv1.3 tlsv1.2 tlsv1.1)' \
        '--ciphers[allowed TLS ciphers (OpenSSL list)]:list: ' \
        '--tls-alpn[TLS ALPN protocol]:protocol: ' \
        '--psk[TLS-PSK key in hex; needs --psk-identity]:hex-key: ' \
        '--psk-identity[TLS-PSK identity]:identity: ' \
        '--tls-engine[OpenSSL engine (not supported by mqtk)]:engine: ' \
        '--proxy[connect through a SOCKS5 proxy\: socks5h\://\[user\[\:pass\]@\]host\[\:port\]]:socks-url: ' \
        '(-d --debug)'{-d,--debug}'[print debug messages (packets sent and received)]' \
        '--quiet[don'\''t print runtime errors]' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]' \
        '--output[text (mosquitto-compatible), json (JSON lines) or trace (packets on stderr)]:text|json|trace:(text json trace)' \
        '--json[same as --output json]' \
        '--trace[same as --output trace\: annotated hex dump of every packet on stderr]' \
        '--color[colour even when not a terminal]' \
        '--no-color[no colour (also NO_COLOR=1)]'
      ;;
    sub)
      _arguments '*'{-t,--topic}'[filter to subscribe to (repeatable; + and # wildcards)]:topic: ' \
        '(-q --qos)'{-q,--qos}'[maximum quality of service to receive\: 0, 1 or 2 (default 0)]:qos:(0 1 2)' \
        '*'{-T,--filter-out}'[don'\''t print messages matching this filter (repeatable)]:filter: ' \
        '*'{-U,--unsubscribe}'[unsubscribe from this filter after subscribing (repeatable)]:filter: ' \
        '-C[exit after this many messages]:count: ' \
        '-W[exit after this many seconds (status 27)]:seconds: ' \
        '-E[exit once subscribed]' \
        '-R[don'\''t print retained messages]' \
        '--retained-only[print only retained messages; exit at the first live one]' \
        '--remove-retained[clear every retained message received]' \
        '--retain-as-published[MQTT 5\: keep the retain flag as published]' \
        '--retain-handling[MQTT 5\: when the broker sends retained messages]:always|new|never:(always new never)' \
        '--random-filter[print only this percentage of messages (0.1-100)]:percent: ' \
        '(-v --verbose)'{-v,--verbose}'[print '\''topic payload'\'']' \
        '-F[print each message through this format\: %t topic, %p payload, %j JSON ... (FORMAT SPECIFIERS in the man page)]:format: ' \
        '-N[don'\''t end messages with a newline]' \
        '--pretty[pretty-print JSON for %j and %J]' \
        '(-h --host)'{-h,--host}'[broker host (default localhost)]:host: ' \
        '(-p --port)'{-p,--port}'[broker port (default 1883, 8883 with TLS)]:port: ' \
        '(-L --url)'{-L,--url}'[mqtt(s)\://\[user\[\:pass\]@\]host\[\:port\]/topic, also ws(s)\://]:url: ' \
        '--unix[connect over a unix-domain socket]:path:_files' \
        '(-u --username)'{-u,--username}'[username]:username: ' \
        '(-P --pw)'{-P,--pw}'[password]:password: ' \
        '(-i --id)'{-i,--id}'[client id (default\: the broker assigns one)]:id: ' \
        '(-I --id-prefix)'{-I,--id-prefix}'[client id = prefix + process id]:prefix: ' \
        '(-k --keepalive)'{-k,--keepalive}'[keepalive in seconds, 5-65535 (default 60)]:seconds: ' \
        '(-c --disable-clean-session)'{-c,--disable-clean-session}'[persistent session (clean session off / clean start off); needs -i]' \
        '-x[MQTT 5 session expiry interval; -1 or ∞ never expires]:seconds: ' \
        '(-V --protocol-version)'{-V,--protocol-version}'[MQTT version\: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31)]:version:(5 311 31 mqttv5 mqttv311 mqttv31)' \
        '*'{-D,--property}'[add an MQTT 5 property to a packet (forces MQTT 5)]:packet:(connect publish subscribe unsubscribe disconnect will):property:_mqtk_property:value: ' \
        '-M[maximum QoS 1/2 messages in flight (default 20)]:count: ' \
        '-A[bind the outgoing socket to this local address]:address: ' \
        '--nodelay[disable Nagle (mqtk always sends without delay)]' \
        '--ws-path[HTTP path for ws\:// and wss\:// URLs (default /mqtt)]:path: ' \
        '--connect-timeout[give up when the broker has not answered CONNECT in time (default 30)]:seconds: ' \
        '--will-topic[register a will on this topic]:topic: ' \
        '--will-payload[will payload (default empty)]:payload: ' \
        '--will-qos[will QoS 0-2]:qos:(0 1 2)' \
        '--will-retain[retain the will]' \
        '--cafile[trusted CA certificates (PEM); enables TLS]:file:_files' \
        '--capath[directory of trusted CA certificates; enables TLS]:dir:_files -/' \
        '--tls-use-os-certs[trust the system'\''s CA store; enables TLS]' \
        '--cert[client certificate (PEM); needs --key]:file:_files' \
        '--key[client private key (PEM); needs --cert]:file:_files' \
        '--keyform[key type (only pem is supported)]:pem|engine:(pem engine)' \
        '--insecure[do not check the server certificate'\''s host name]' \
        '--tls-version[tlsv1.3, tlsv1.2 or tlsv1.1]:version:(tlsv1.3 tlsv1.2 tlsv1.1)' \
        '--ciphers[allowed TLS ciphers (OpenSSL list)]:list: ' \
        '--tls-alpn[TLS ALPN protocol]:protocol: ' \
        '--psk[TLS-PSK key in hex; needs --psk-identity]:hex-key: ' \
        '--psk-identity[TLS-PSK identity]:identity: ' \
        '--tls-engine[OpenSSL engine (not supported by mqtk)]:engine: ' \
        '--proxy[connect through a SOCKS5 proxy\: socks5h\://\[user\[\:pass\]@\]host\[\:port\]]:socks-url: ' \
        '(-d --debug)'{-d,--debug}'[print debug messages (packets sent and received)]' \
        '--quiet[don'\''t print runtime errors]' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]' \
        '--output[text (mosquitto-compatible), json (JSON lines) or trace (packets on stderr)]:text|json|trace:(text json trace)' \
        '--json[same as --output json]' \
        '--trace[same as --output trace\: annotated hex dump of every packet on stderr]' \
        '--color[colour even when not a terminal]' \
        '--no-color[no colour (also NO_COLOR=1)]'
      ;;
    rr)
      _arguments '*'{-t,--topic}'[topic to publish to]:topic: ' \
        '(-e --response-topic)'{-e,--response-topic}'[response topic\: subscribed to first, then sent with the request (MQTT 5 response-topic property)]:topic: ' \
        '(-q --qos)'{-q,--qos}'[quality of service 0, 1 or 2 (default 0)]:qos:(0 1 2)' \
        '(-m --message)'{-m,--message}'[message payload]:message: ' \
        '(-f --file)'{-f,--file}'[send the contents of a file as the message]:file:_files' \
        '(-s --stdin-file)'{-s,--stdin-file}'[read the message from stdin, sending all of it as one message]' \
        '(-n --null-message)'{-n,--null-message}'[send a zero-length message]' \
        '-W[exit after this many seconds (status 27)]:seconds: ' \
        '--count[wait for N replies (several responders) instead of one; with --respond, answer N requests and exit]:N: ' \
        '--respond[responder\: subscribe to -t, run the command after '\''--'\'' for each request (payload on stdin) and publish its stdout to the request'\''s response topic]' \
        '-R[don'\''t print retained messages]' \
        '--retain-as-published[MQTT 5\: keep the retain flag as published]' \
        '--retain-handling[MQTT 5\: when the broker sends retained messages]:always|new|never:(always new never)' \
        '(-v --verbose)'{-v,--verbose}'[print '\''topic payload'\'']' \
        '-F[print each message through this format\: %t topic, %p payload, %j JSON ... (FORMAT SPECIFIERS in the man page)]:format: ' \
        '-N[don'\''t end messages with a newline]' \
        '--pretty[pretty-print JSON for %j and %J]' \
        '(-h --host)'{-h,--host}'[broker host (default localhost)]:host: ' \
        '(-p --port)'{-p,--port}'[broker port (default 1883, 8883 with TLS)]:port: ' \
        '(-L --url)'{-L,--url}'[mqtt(s)\://\[user\[\:pass\]@\]host\[\:port\]/topic, also ws(s)\://]:url: ' \
        '--unix[connect over a unix-domain socket]:path:_files' \
        '(-u --username)'{-u,--username}'[username]:username: ' \
        '(-P --pw)'{-P,--pw}'[password]:password: ' \
        '(-i --id)'{-i,--id}'[client id (default\: the broker assigns one)]:id: ' \
        '(-I --id-prefix)'{-I,--id-prefix}'[client id = prefix + process id]:prefix: ' \
        '(-k --keepalive)'{-k,--keepalive}'[keepalive in seconds, 5-65535 (default 60)]:seconds: ' \
        '(-c --disable-clean-session)'{-c,--disable-clean-session}'[persistent session (clean session off / clean start off); needs -i]' \
        '-x[MQTT 5 session expiry interval; -1 or ∞ never expires]:seconds: ' \
        '(-V --protocol-version)'{-V,--protocol-version}'[MQTT version\: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31)]:version:(5 311 31 mqttv5 mqttv311 mqttv31)' \
        '*'{-D,--property}'[add an MQTT 5 property to a packet (forces MQTT 5)]:packet:(connect publish subscribe unsubscribe disconnect will):property:_mqtk_property:value: ' \
        '-M[maximum QoS 1/2 messages in flight (default 20)]:count: ' \
        '-A[bind the outgoing socket to this local address]:address: ' \
        '--nodelay[disable Nagle (mqtk always sends without delay)]' \
        '--ws-path[HTTP path for ws\:// and wss\:// URLs (default /mqtt)]:path: ' \
        '--connect-timeout[give up when the broker has not answered CONNECT in time (default 30)]:seconds: ' \
        '--will-topic[register a will on this topic]:topic: ' \
        '--will-payload[will payload (default empty)]:payload: ' \
        '--will-qos[will QoS 0-2]:qos:(0 1 2)' \
        '--will-retain[retain the will]' \
        '--cafile[trusted CA certificates (PEM); enables TLS]:file:_files' \
        '--capath[directory of trusted CA certificates; enables TLS]:dir:_files -/' \
        '--tls-use-os-certs[trust the system'\''s CA store; enables TLS]' \
        '--cert[client certificate (PEM); needs --key]:file:_files' \
        '--key[client private key (PEM); needs --cert]:file:_files' \
        '--keyform[key type (only pem is supported)]:pem|engine:(pem engine)' \
        '--insecure[do not check the server certificate'\''s host name]' \
        '--tls-version[tlsv1.3, tlsv1.2 or tlsv1.1]:version:(tlsv1.3 tlsv1.2 tlsv1.1)' \
        '--ciphers[allowed TLS ciphers (OpenSSL list)]:list: ' \
        '--tls-alpn[TLS ALPN protocol]:protocol: ' \
        '--psk[TLS-PSK key in hex; needs --psk-identity]:hex-key: ' \
        '--psk-identity[TLS-PSK identity]:identity: ' \
        '--tls-engine[OpenSSL engine (not supported by mqtk)]:engine: ' \
        '--proxy[connect through a SOCKS5 proxy\: socks5h\://\[user\[\:pass\]@\]host\[\:port\]]:socks-url: ' \
        '(-d --debug)'{-d,--debug}'[print debug messages (packets sent and received)]' \
        '--quiet[don'\''t print runtime errors]' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]' \
        '--output[text (mosquitto-compatible), json (JSON lines) or trace (packets on stderr)]:text|json|trace:(text json trace)' \
        '--json[same as --output json]' \
        '--trace[same as --output trace\: annotated hex dump of every packet on stderr]' \
        '--color[colour even when not a terminal]' \
        '--no-color[no colour (also NO_COLOR=1)]' \
        '*:file:_files'
      ;;
    ctrl)
      _arguments -A '-*' '(-q --qos)'{-q,--qos}'[quality of service of the requests\: 0, 1 or 2 (default 1)]:qos:(0 1 2)' \
        '-W[how long to wait for the response, in seconds (default 10; then status 27)]:seconds: ' \
        '(-h --host)'{-h,--host}'[broker host (default localhost)]:host: ' \
        '(-p --port)'{-p,--port}'[broker port (default 1883, 8883 with TLS)]:port: ' \
        '(-L --url)'{-L,--url}'[mqtt(s)\://\[user\[\:pass\]@\]host\[\:port\]/topic, also ws(s)\://]:url: ' \
        '--unix[connect over a unix-domain socket]:path:_files' \
        '(-u --username)'{-u,--username}'[username]:username: ' \
        '(-P --pw)'{-P,--pw}'[password]:password: ' \
        '(-i --id)'{-i,--id}'[client id (default\: the broker assigns one)]:id: ' \
        '(-I --id-prefix)'{-I,--id-prefix}'[client id = prefix + process id]:prefix: ' \
        '(-k --keepalive)'{-k,--keepalive}'[keepalive in seconds, 5-65535 (default 60)]:seconds: ' \
        '(-c --disable-clean-session)'{-c,--disable-clean-session}'[persistent session (clean session off / clean start off); needs -i]' \
        '-x[MQTT 5 session expiry interval; -1 or ∞ never expires]:seconds: ' \
        '(-V --protocol-version)'{-V,--protocol-version}'[MQTT version\: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31)]:version:(5 311 31 mqttv5 mqttv311 mqttv31)' \
        '*'{-D,--property}'[add an MQTT 5 property to a packet (forces MQTT 5)]:packet:(connect publish subscribe unsubscribe disconnect will):property:_mqtk_property:value: ' \
        '-M[maximum QoS 1/2 messages in flight (default 20)]:count: ' \
        '-A[bind the outgoing socket to this local address]:address: ' \
        '--nodelay[disable Nagle (mqtk always sends without delay)]' \
        '--ws-path[HTTP path for ws\:// and wss\:// URLs (default /mqtt)]:path: ' \
        '--connect-timeout[give up when the broker has not answered CONNECT in time (default 30)]:seconds: ' \
        '--will-topic[register a will on this topic]:topic: ' \
        '--will-payload[will payload (default empty)]:payload: ' \
        '--will-qos[will QoS 0-2]:qos:(0 1 2)' \
        '--will-retain[retain the will]' \
        '--cafile[trusted CA certificates (PEM); enables TLS]:file:_files' \
        '--capath[directory of trusted CA certificates; enables TLS]:dir:_files -/' \
        '--tls-use-os-certs[trust the system'\''s CA store; enables TLS]' \
        '--cert[client certificate (PEM); needs --key]:file:_files' \
        '--key[client private key (PEM); needs --cert]:file:_files' \
        '--keyform[key type (only pem is supported)]:pem|engine:(pem engine)' \
        '--insecure[do not check the server certificate'\''s host name]' \
        '--tls-version[tlsv1.3, tlsv1.2 or tlsv1.1]:version:(tlsv1.3 tlsv1.2 tlsv1.1)' \
        '--ciphers[allowed TLS ciphers (OpenSSL list)]:list: ' \
        '--tls-alpn[TLS ALPN protocol]:protocol: ' \
        '--psk[TLS-PSK key in hex; needs --psk-identity]:hex-key: ' \
        '--psk-identity[TLS-PSK identity]:identity: ' \
        '--tls-engine[OpenSSL engine (not supported by mqtk)]:engine: ' \
        '--proxy[connect through a SOCKS5 proxy\: socks5h\://\[user\[\:pass\]@\]host\[\:port\]]:socks-url: ' \
        '(-d --debug)'{-d,--debug}'[print debug messages (packets sent and received)]' \
        '--quiet[don'\''t print runtime errors]' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]' \
        '--output[text (mosquitto-compatible), json (JSON lines) or trace (packets on stderr)]:text|json|trace:(text json trace)' \
        '--json[same as --output json]' \
        '--trace[same as --output trace\: annotated hex dump of every packet on stderr]' \
        '--color[colour even when not a terminal]' \
        '--no-color[no colour (also NO_COLOR=1)]' \
        '*::word:_mqtk_ctrl_words'
      ;;
    passwd)
      _arguments '-c[create a new password file, replacing an existing one; FILE '\''-'\'' writes to standard output]' \
        '-b[batch mode\: the password is the last argument (visible to other users in ps; prefer --stdin)]' \
        '-D[delete USER (warns and exits 1 when USER is not in FILE)]' \
        '-U[hash the plain-text passwords in FILE in place; lines already hashed are kept as they are (mosquitto_passwd hashes them again)]' \
        '--check[check USER'\''s password\: exit 0 when it matches, 1 when not]' \
        '--list[list the users in FILE with their hash kinds]' \
        '--stdin[read the password from standard input (one line, or the password and its confirmation on two lines) instead of prompting; automatic when standard input is not a terminal]' \
        '--follow-symlinks[write through a FILE that is a symbolic link (refused by default)]' \
        '-H[argon2id (default; mosquitto 2.1+), sha512-pbkdf2 (2.0+) or sha512 (1.6)]:hash:(argon2id sha512-pbkdf2 sha512)' \
        '-I[sha512-pbkdf2 iterations (default 101, or 1000 with --mosquitto 2.1); implies -H sha512-pbkdf2]:iterations: ' \
        '--mosquitto[write for this broker version\: 1.6 (sha512), 2.0 (sha512-pbkdf2, 101 iterations, 12-byte salt) or 2.1 (argon2id default; pbkdf2 with 1000 iterations and 64-byte salts)]:version:(1.6 2.0 2.1)' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]' \
        '*:file:_files'
      ;;
    serve)
      _arguments '(-c --config-file)'{-c,--config-file}'[read a mosquitto.conf (listener, allow_anonymous, password_file, acl_file, TLS, persistence, limits, bridges)]:file:_files' \
        '*'{-p,--port}'[listen on this port (repeatable); 0 picks a free port and prints it. Default 1883]:port: ' \
        '--bind[address for -p listeners (default 127.0.0.1\: local only)]:address: ' \
        '--persist[keep retained messages and persistent sessions in DIR across restarts (persistence true)]:dir:_files -/' \
        '--persist-repair[a damaged store\: move it aside, keep every readable record in a new one and print the counts]' \
        '--persist-sync[fsync every store commit\: survives power loss, not only a crash (persistence_sync true)]' \
        '(-v --verbose)'{-v,--verbose}'[log everything (every packet, subscriptions), like mosquitto -v; without it, what mosquitto logs by default]' \
        '--log[log format on stderr\: text (mosquitto'\''s) or json (JSON lines)]:text|json:(text json)' \
        '--trace[annotated hex dump of every packet in and out on stderr]' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]'
      ;;
    bench)
      _arguments '(-c --clients)'{-c,--clients}'[connections\: publishers (pub, pubsub), subscribers (sub) or plain connections (conn); default 1]:count: ' \
        '--subscribers[pubsub\: subscriber connections (default 1)]:count: ' \
        '*'{-t,--topic}'[topic template to publish to (default mqtk-bench/%i), or filter to subscribe to (sub; repeatable)]:topic: ' \
        '*--filter[pubsub\: subscribers'\'' filter (default\: the topic template with + for each placeholder level)]:filter: ' \
        '(-q --qos)'{-q,--qos}'[quality of service 0, 1 or 2 (default 0)]:qos:(0 1 2)' \
        '(-r --retain)'{-r,--retain}'[retain the message on the broker]' \
        '(-s --size)'{-s,--size}'[payload size, at least 18 (the stamp\: publisher, sequence, send time); default 64]:bytes: ' \
        '--rate[messages per second in total, open loop (latency from the intended send time)]:msgs/s: ' \
        '(-I --interval-of-msg)'{-I,--interval-of-msg}'[milliseconds between messages of each publisher, open loop (instead of --rate)]:ms: ' \
        '--limit[messages to publish in total (pub, pubsub), or to receive per subscriber (sub)]:count: ' \
        '(-d --duration)'{-d,--duration}'[run this long (30s, 2m, 500ms; a bare number is seconds); conn\: hold the connections this long]:time: ' \
        '(-M --inflight)'{-M,--inflight}'[QoS 1/2 messages in flight per publisher (default 20)]:count: ' \
        '(-R --conn-rate)'{-R,--conn-rate}'[open connections at this rate (default\: as fast as the broker accepts them)]:conn/s: ' \
        '(-i --interval)'{-i,--interval}'[milliseconds between connects (instead of -R)]:ms: ' \
        '--reconnect[reconnect a lost connection, giving up after this many failed attempts in a row (emqtt-bench'\''s meaning; default 0\: never)]:attempts: ' \
        '--num-retry-connect[retry a failed first connect (refused, timed out, lost, or a CONNACK saying server unavailable or busy, quota or rate exceeded) up to this many times, backing off as --reconnect does (emqtt-bench'\''s; default 0)]:retries: ' \
        '--reconnect-delay[first wait before reconnecting or retrying a connect, doubling per failed attempt up to 30 s (default 1s)]:time: ' \
        '--client-id[client id template (default mqtk-bench-<mode>-%i)\: %i index, %w worker, %rand_N]:template: ' \
        '--start-number[first client index (%i), so several bench processes never clash (default 0)]:n: ' \
        '--workers[worker threads to spread the connections over (default\: the number of cores)]:n: ' \
        '--warmup[leave the first seconds out of rates and latencies]:time: ' \
        '--output[text (default) or json\: the summary as one JSON object]:text|json:(text json)' \
        '--json[same as --output json]' \
        '--per-client[also print each client'\''s results\: a table, or per_client in the JSON (the summary always has the spread across clients)]' \
        '--csv[write the per-second samples to FILE as CSV]:file: ' \
        '--report[also publish per-second samples and the final histograms to mqtt(s)\://host\[\:port\]/topic or ws(s)\://, connecting with the same options as the bench clients (see bench collect)]:url: ' \
        '(-h --host)'{-h,--host}'[broker host (default localhost)]:host: ' \
        '(-p --port)'{-p,--port}'[broker port (default 1883, 8883 with TLS)]:port: ' \
        '(-L --url)'{-L,--url}'[mqtt(s)\://\[user\[\:pass\]@\]host\[\:port\]/topic, also ws(s)\://]:url: ' \
        '--unix[connect over a unix-domain socket]:path:_files' \
        '(-u --username)'{-u,--username}'[username]:username: ' \
        '(-P --pw)'{-P,--pw}'[password]:password: ' \
        '(-k --keepalive)'{-k,--keepalive}'[keepalive in seconds, 5-65535 (default 60)]:seconds: ' \
        '-x[MQTT 5 session expiry interval; -1 or ∞ never expires]:seconds: ' \
        '(-V --protocol-version)'{-V,--protocol-version}'[MQTT version\: 5, 311 or 31 (also mqttv5, mqttv311, mqttv31)]:version:(5 311 31 mqttv5 mqttv311 mqttv31)' \
        '*'{-D,--property}'[add an MQTT 5 property to a packet (forces MQTT 5)]:packet:(connect publish subscribe unsubscribe disconnect will):property:_mqtk_property:value: ' \
        '-A[bind the outgoing socket to this local address]:address: ' \
        '--nodelay[disable Nagle (mqtk always sends without delay)]' \
        '--ws-path[HTTP path for ws\:// and wss\:// URLs (default /mqtt)]:path: ' \
        '--connect-timeout[give up when the broker has not answered CONNECT in time (default 30)]:seconds: ' \
        '--will-topic[register a will on this topic]:topic: ' \
        '--will-payload[will payload (default empty)]:payload: ' \
        '--will-qos[will QoS 0-2]:qos:(0 1 2)' \
        '--will-retain[retain the will]' \
        '--cafile[trusted CA certificates (PEM); enables TLS]:file:_files' \
        '--capath[directory of trusted CA certificates; enables TLS]:dir:_files -/' \
        '--tls-use-os-certs[trust the system'\''s CA store; enables TLS]' \
        '--cert[client certificate (PEM); needs --key]:file:_files' \
        '--key[client private key (PEM); needs --cert]:file:_files' \
        '--keyform[key type (only pem is supported)]:pem|engine:(pem engine)' \
        '--insecure[do not check the server certificate'\''s host name]' \
        '--tls-version[tlsv1.3, tlsv1.2 or tlsv1.1]:version:(tlsv1.3 tlsv1.2 tlsv1.1)' \
        '--ciphers[allowed TLS ciphers (OpenSSL list)]:list: ' \
        '--tls-alpn[TLS ALPN protocol]:protocol: ' \
        '--psk[TLS-PSK key in hex; needs --psk-identity]:hex-key: ' \
        '--psk-identity[TLS-PSK identity]:identity: ' \
        '--tls-engine[OpenSSL engine (not supported by mqtk)]:engine: ' \
        '--proxy[connect through a SOCKS5 proxy\: socks5h\://\[user\[\:pass\]@\]host\[\:port\]]:socks-url: ' \
        '--quiet[don'\''t print runtime errors]' \
        '--help[show this usage and exit]' \
        '--version[show the version and exit]' \
        '*:file:_files'
      ;;
    help) (( CURRENT == 2 )) && compadd -- pub sub rr ctrl passwd serve bench ;;
    completion) (( CURRENT == 2 )) && compadd -- bash zsh fish ;;
  esac
}

_mqtk "$@"
