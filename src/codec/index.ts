// Public entry of `mqtk/codec`: the packet model, encode, the streaming parser,
// the annotation pass for hex dumps, and the protocol tables.
export type * from './types.js';
export { MqttError } from './errors.js';
