// --trace: every packet in and out, annotated byte by byte, on stderr. The annotation
// pass runs only here, so the engine's hot path never pays for it.
import { annotate } from '../codec/annotate.js';
import { PacketTypeById, reasonCodeName } from '../codec/constants.js';
import type { ProtocolVersion } from '../codec/types.js';
import type { Palette } from '../format/style.js';
import { formatTrace } from '../format/trace.js';
import type { PacketTap } from '../wire/connection.js';
import type { OutputStream } from './terminal.js';

const TRACE_NAMES = {
  typeName: (type: number) => PacketTypeById[type]?.toUpperCase() ?? 'RESERVED',
  reasonName: (code: number) => reasonCodeName(code),
};

export function createTraceTap(out: OutputStream, version: () => ProtocolVersion, palette: Palette): PacketTap {
  return (direction, raw, packet, error) => {
    const ann = annotate(raw, version());
    const err = error ?? ann.error;
    out.write(
      formatTrace(
        {
          direction,
          time: Date.now(),
          raw,
          spans: ann.spans,
          packet: packet ?? ann.packet,
          ...(err ? { error: { reasonCode: err.reasonCode, message: err.message } } : {}),
        },
        palette,
        TRACE_NAMES,
      ),
    );
  };
}
