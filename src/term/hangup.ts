// nohup: `nohup mqtk sub -t t &` must outlive the terminal, as mosquitto_sub does. nohup
// starts a program with SIGHUP ignored, but Node resets every inherited "ignore" to the
// default before any JavaScript runs, so a hangup would end mqtk (status 129). bin/mqtk
// reads the inherited disposition first (from /proc) and passes it in MQTK_HUP_IGNORED;
// here a listener that does nothing puts the "ignore" back. Without the launcher (or
// without /proc) nothing is known and SIGHUP keeps its default: it ends the process.

/** Whether SIGHUP was ignored when mqtk was started (e.g. by nohup), as bin/mqtk found it. */
export function hangupIgnoredAtStart(env: NodeJS.ProcessEnv): boolean {
  return env.MQTK_HUP_IGNORED === '1';
}

const ignore = (): void => {};

/** Keeps an inherited "ignore SIGHUP" (pub, sub: mosquitto's clients install no SIGHUP handler). */
export function keepHangupIgnored(env: NodeJS.ProcessEnv): void {
  if (hangupIgnoredAtStart(env) && !process.listeners('SIGHUP').includes(ignore)) process.on('SIGHUP', ignore);
}
