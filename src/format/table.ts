// Aligned text tables (mqtk ctrl's list* output). Pure: cells in, lines out.

/** Control characters would break a row (a newline in a name) or the terminal: shown escaped. */
function cell(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** Columns are counted in code points (a wide CJK character still counts as one). */
const width = (s: string): number => [...s].length;

/**
 * The header, then one line per row; each column as wide as its widest cell, columns two
 * spaces apart, no trailing spaces. Missing cells are empty.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const all = [header, ...rows].map((r) => header.map((_, i) => cell(r[i] ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i]!))));
  return all.map((r) => {
    // Padding stops at the last non-empty cell (a cell's own trailing spaces are kept).
    let n = r.length;
    while (n > 0 && r[n - 1] === '') n--;
    return r.slice(0, n).map((c, i) => (i < n - 1 ? c + ' '.repeat(widths[i]! - width(c)) : c)).join('  ');
  });
}
