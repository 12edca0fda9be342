// Which topics two topic filters both match. Pure. Used by the ACL to decide whether a
// subscription could ever deliver anything the client may read.

/**
 * A filter matching exactly the topics both `a` and `b` match, or undefined when no topic
 * matches both. '+' meets any one level, '#' the rest including the parent level ("x/#"
 * meets "x") [MQTT-4.7.1-2]; a leading wildcard never meets a topic starting with '$'
 * [MQTT-4.7.2-1].
 */
export function filterIntersection(a: string, b: string): string | undefined {
  const x = a.split('/');
  const y = b.split('/');
  if (dollarClash(x[0]!, y[0]!) || dollarClash(y[0]!, x[0]!)) return undefined;
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    // '#' takes whatever the other has left, nothing included ("x/#" meets "x" as "x").
    if (p === '#') return [...out, ...y.slice(i)].join('/');
    if (q === '#') return [...out, ...x.slice(i)].join('/');
    if (p === undefined || q === undefined) return p === q ? out.join('/') : undefined;
    if (p === '+') out.push(q);
    else if (q === '+' || p === q) out.push(p);
    else return undefined;
  }
}

/** A leading wildcard in `w` cannot meet a `$` level in `other`. */
function dollarClash(w: string, other: string): boolean {
  return (w === '+' || w === '#') && other.startsWith('$');
}
