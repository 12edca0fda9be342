import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/format/table.js';

describe('formatTable', () => {
  it('pads each column to its widest cell, two spaces apart', () => {
    expect(formatTable(['Name', 'Id', 'Roles'], [['admin', '', 'admin'], ['alice', 'alice-id', 'app (2), ops']])).toEqual([
      'Name   Id        Roles',
      'admin            admin',
      'alice  alice-id  app (2), ops',
    ]);
  });

  it('a header wider than every cell sets the width', () => {
    expect(formatTable(['Rolename', 'ACLs'], [['a', '1']])).toEqual(['Rolename  ACLs', 'a         1']);
  });

  it('leaves no trailing spaces when the last cells are empty, but keeps a cell’s own', () => {
    expect(formatTable(['A', 'B', 'C'], [['x', '', ''], ['y', 'long', ''], ['z', '', 'end ']])).toEqual(['A  B     C', 'x', 'y  long', 'z        end ']);
  });

  it('missing cells are empty; rows beyond the header are ignored', () => {
    expect(formatTable(['A', 'B'], [['1'], ['2', '3', '4']])).toEqual(['A  B', '1', '2  3']);
  });

  it('no rows: the header alone', () => {
    expect(formatTable(['Username', 'Clientid'], [])).toEqual(['Username  Clientid']);
  });

  it('escapes control characters so a name cannot break a row or drive the terminal', () => {
    expect(formatTable(['A', 'B'], [['a\nb', 'c\td\x1b[31m']])).toEqual(['A     B', 'a\\nb  c\\td\\x1b[31m']);
  });

  it('counts code points, not UTF-16 units (U+1D465 is one column, two units)', () => {
    expect(formatTable(['N', 'X'], [['\u{1D465}', '1'], ['ab', '2']])).toEqual(['N   X', '\u{1D465}   1', 'ab  2']);
  });
});
