// "Did you mean ...?" for a mistyped command: the nearest name by edit distance
// (Damerau: a swapped pair of letters, as in `sbu`, counts as one edit).

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate nearest to `word`, if it is close enough to be what was meant. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; dist: number } | undefined;
  for (const name of candidates) {
    const dist = name.startsWith(w) && w.length >= 2 ? 0 : distance(w, name);
    if (!best || dist < best.dist) best = { name, dist };
  }
  // Up to a third of the longer word may differ (1 edit for 'sbu' → 'sub', 2 for 'pasword').
  return best && best.dist <= Math.max(1, Math.floor(Math.max(w.length, best.name.length) / 3)) ? best.name : undefined;
}
