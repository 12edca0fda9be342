// Colour is injected: formatters call these functions around the text they emit and
// never know whether a terminal is attached. term/ builds a chalk palette; everything
// else (pipes, files, tests) uses the identity palette below, so output stays
// byte-identical to mosquitto's unless the user asked for colour.

export type Paint = (text: string) => string;

export interface Palette {
  /** Topic names (-v output, trace summaries). */
  topic: Paint;
  /** Payload text. */
  payload: Paint;
  /** Secondary text: timestamps, offsets, ASCII columns. */
  dim: Paint;
  /** Errors and malformed-packet markers. */
  error: Paint;
  /** Arrow of a packet we received. */
  inArrow: Paint;
  /** Arrow of a packet we sent. */
  outArrow: Paint;
  /** Packet type names in trace headers. */
  packetType: Paint;
  /** Field names in annotated dumps. */
  field: Paint;
  /** Decoded field values in annotated dumps. */
  value: Paint;
}

const identity: Paint = (text) => text;

export const plainPalette: Palette = Object.freeze({
  topic: identity,
  payload: identity,
  dim: identity,
  error: identity,
  inArrow: identity,
  outArrow: identity,
  packetType: identity,
  field: identity,
  value: identity,
});
