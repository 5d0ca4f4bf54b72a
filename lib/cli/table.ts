/**
 * Plain-text columns for people: each column as wide as its widest cell, two spaces apart.
 * `style` may colour a cell after it is padded, so escape codes never skew the widths.
 */
export type CellStyle = (text: string, row: number, col: number) => string;

export function table(rows: string[][], style?: CellStyle): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row, r) => {
      const cells = row.map((cell, col) => {
        const padded = col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0);
        return style ? style(padded, r, col) : padded;
      });
      return cells.join('  ').trimEnd();
    })
    .join('\n');
}
