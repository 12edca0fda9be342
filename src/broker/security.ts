// Authentication and access control for one scope: the whole broker, or one listener
// with per_listener_settings true (as in mosquitto, such a listener has its own
// allow_anonymous, password_file and acl_file, nothing inherited). The embedder's hooks
// apply in every scope; a password_file fills in `authenticate` when none was given, an
// acl_file replaces the authorize hooks. reload() (SIGHUP) re-reads the files: a file that
// cannot be read or parsed leaves the rules in force unchanged.
import { loadAccessRules } from './acl.js';
import type { BrokerHooks, SecurityConfig } from './options.js';
import { loadPasswordFile } from './passwords.js';

export class Security {
  /** The hooks in force; the same object for the scope's lifetime (a reload replaces its members). */
  readonly hooks: BrokerHooks = {};
  readonly allowAnonymous: boolean;

  constructor(
    readonly config: SecurityConfig,
    private readonly given: BrokerHooks,
    allowAnonymousDefault: boolean,
  ) {
    this.allowAnonymous = config.allowAnonymous ?? allowAnonymousDefault;
    Object.assign(this.hooks, this.build());
  }

  /** Reads the files again; throws ConfigError (and changes nothing) when one cannot be used. */
  reload(): void {
    const fresh = this.build();
    for (const key of ['authenticate', 'authorizePublish', 'authorizeSubscribe', 'authorizeRead'] as const) {
      if (fresh[key] === undefined) delete this.hooks[key];
      else (this.hooks as Record<string, unknown>)[key] = fresh[key];
    }
  }

  private build(): BrokerHooks {
    const { passwordFile, aclFile } = this.config;
    const hooks: BrokerHooks = { ...this.given };
    if (passwordFile !== undefined && hooks.authenticate === undefined) hooks.authenticate = loadPasswordFile(passwordFile, this.allowAnonymous);
    if (aclFile !== undefined) Object.assign(hooks, loadAccessRules(aclFile));
    return hooks;
  }
}
