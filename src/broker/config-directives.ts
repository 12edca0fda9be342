// Which mosquitto.conf directives mqtk serve does not implement, and what it does with
// them. A configuration fails closed: a directive it does not know (a typo such as
// `acl_fle`) stops the broker, as in mosquitto; so does one it knows but does not
// implement when ignoring it could leave the broker more open or less protected than the
// file says. Only directives about logging, the process and tuning that cannot weaken
// security are accepted and ignored. The README lists both sets from these tables.

/** Accepted and ignored: logging, process and tuning directives that cannot weaken security. */
export const IGNORED_DIRECTIVES: ReadonlySet<string> = new Set([
  'user', 'pid_file', 'log_dest', 'log_facility', 'log_timestamp', 'log_timestamp_format', 'websockets_log_level',
  'websockets_headers_size', 'set_tcp_nodelay', 'autosave_interval', 'autosave_on_changes', 'persistence_file',
  'queue_qos0_messages', 'upgrade_outgoing_qos', 'allow_duplicate_messages',
]);

/** Accepted only with the value that is mqtk's behaviour; any other value is an error. */
export const ACCEPTED_VALUES: Readonly<Record<string, string>> = {
  allow_zero_length_clientid: 'true',
  check_retain_source: 'false',
  use_identity_as_username: 'false',
  use_subject_as_username: 'false',
  use_username_as_clientid: 'false',
  auth_plugin_deny_special_chars: 'true',
};

/** Known mosquitto directives mqtk does not implement: ignoring them could weaken security or limits. */
export const UNSUPPORTED_DIRECTIVES: ReadonlySet<string> = new Set([
  // Security: authentication and access control mqtk cannot apply.
  'auth_plugin', 'plugin', 'psk_file', 'psk_hint', 'clientid_prefixes', 'include_dir', 'mount_point',
  // TLS details: certificate revocation, cipher and version restrictions.
  'capath', 'crlfile', 'ciphers', 'ciphers_tls1.3', 'tls_version', 'dhparamfile', 'tls_engine', 'tls_engine_kpass_sha1',
  'tls_keyform', 'require_ocsp',
  // Where and how to listen, and what to serve.
  'bind_interface', 'socket_domain', 'http_dir', 'accept_protocol_versions', 'max_qos',
  // Resource limits.
  'memory_limit', 'max_inflight_bytes',
  // Bridge details (the bridge options mqtk implements are read by config-bridge.ts first).
  'bridge_bind_address', 'bridge_capath', 'bridge_identity',
  'bridge_max_packet_size', 'bridge_outgoing_retain', 'bridge_psk', 'bridge_require_ocsp', 'bridge_tls_version',
  'local_username', 'local_password', 'local_cleansession', 'threshold', 'notifications_local_only',
]);

/** Prefixes of directive families mosquitto passes to plugins (`auth_opt_*`, `plugin_opt_*`). */
export const UNSUPPORTED_PREFIXES: readonly string[] = ['auth_opt_', 'plugin_opt_'];

/** Why a directive the parser has no case for is refused, or undefined when it is accepted. */
export function refuseDirective(key: string, value: string): string | undefined {
  if (IGNORED_DIRECTIVES.has(key)) return undefined;
  if (Object.hasOwn(ACCEPTED_VALUES, key)) {
    const want = ACCEPTED_VALUES[key]!;
    return value === want ? undefined : `"${key} ${value}" is not supported by mqtk serve (only "${key} ${want}")`;
  }
  if (UNSUPPORTED_DIRECTIVES.has(key) || UNSUPPORTED_PREFIXES.some((p) => key.startsWith(p))) {
    return `"${key}" is not supported by mqtk serve (ignoring it could leave the broker more open than the file says)`;
  }
  return `Unknown configuration variable "${key}"`;
}
