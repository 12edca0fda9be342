// `--list`: one line per user with the hash kind and which brokers can read it. Pure.
import type { ValueKind } from '../../auth/hash-format.js';
import type { PasswdFileLine } from '../../auth/passwd-file.js';

export interface HashDescription {
  /** One word: argon2id, sha512-pbkdf2, sha512, plain or unknown. */
  kind: string;
  details: string;
}

export function describeValue(v: ValueKind): HashDescription {
  if (v.type === 'plain') return { kind: 'plain', details: "not hashed; mosquitto cannot use it (hash it with 'mqtk passwd -U FILE')" };
  if (v.type === 'unreadable-hash') return { kind: 'unknown', details: 'not a hash mosquitto can read' };
  const h = v.hash;
  const salt = `${h.salt.length}-byte salt`;
  switch (h.kind) {
    case 'argon2id':
      return { kind: h.kind, details: `m=${h.memoryCost},t=${h.timeCost},p=${h.parallelism}, ${salt}; mosquitto 2.1+ built with argon2` };
    case 'sha512-pbkdf2':
      // A 2.0 broker decodes 12-byte salts only.
      return { kind: h.kind, details: `${h.iterations} iterations, ${salt}; mosquitto ${h.salt.length === 12 ? '2.0' : '2.1'}+` };
    case 'sha512':
      return { kind: h.kind, details: `${salt}; mosquitto ${h.salt.length === 12 ? '1.6' : '2.1'}+` };
  }
}

/** Aligned columns: user, kind, details. */
export function formatList(lines: readonly PasswdFileLine[]): string {
  const rows: [string, string, string][] = [];
  for (const l of lines) {
    if (l.line.type !== 'entry') continue;
    const d = describeValue(l.line.valueKind);
    rows.push([l.line.username, d.kind, d.details]);
  }
  const userWidth = Math.max(0, ...rows.map((r) => r[0].length));
  const kindWidth = Math.max(0, ...rows.map((r) => r[1].length));
  return rows.map(([u, k, d]) => `${u.padEnd(userWidth)}  ${k.padEnd(kindWidth)}  ${d}\n`).join('');
}
