// Draws a demo 印影 (seal impression): a round seal with the surname written top to bottom, as a
// greyscale PNG. The glyph outlines come from the certificate font and are filled with a small
// scanline rasteriser (non-zero winding, 4 sub-rows per pixel for smooth edges).
import { PNG } from 'pngjs';
import { glyphOutline } from '../../templates/font';

const SIZE = 240;
type Edge = { x0: number; y0: number; x1: number; y1: number; dir: 1 | -1 };

function flatten(commands: { command: string; args: number[] }[], map: (x: number, y: number) => [number, number]): Edge[] {
  const edges: Edge[] = [];
  let start: [number, number] = [0, 0];
  let cur: [number, number] = [0, 0];
  const line = (a: [number, number], b: [number, number]) => {
    if (a[1] === b[1]) return;
    edges.push(a[1] < b[1] ? { x0: a[0], y0: a[1], x1: b[0], y1: b[1], dir: 1 } : { x0: b[0], y0: b[1], x1: a[0], y1: a[1], dir: -1 });
  };
  for (const c of commands) {
    const a = c.args;
    if (c.command === 'moveTo') { start = cur = map(a[0]!, a[1]!); continue; }
    if (c.command === 'closePath') { line(cur, start); cur = start; continue; }
    const pts: [number, number][] = [];
    for (let i = 0; i < a.length; i += 2) pts.push(map(a[i]!, a[i + 1]!));
    const end = pts.at(-1)!;
    if (c.command === 'lineTo') { line(cur, end); cur = end; continue; }
    const ctrl = [cur, ...pts];
    const steps = 10;
    let prev = cur;
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      // de Casteljau for quadratic and cubic segments alike
      let level = ctrl;
      while (level.length > 1) level = level.slice(1).map((p, i) => [level[i]![0] + (p[0] - level[i]![0]) * t, level[i]![1] + (p[1] - level[i]![1]) * t] as [number, number]);
      line(prev, level[0]!);
      prev = level[0]!;
    }
    cur = end;
  }
  if (cur !== start) line(cur, start);
  return edges;
}

/** Coverage (0–1) per pixel of the shapes given as edges, non-zero winding. */
function rasterise(edges: Edge[], coverage: Float32Array): void {
  const SUB = 4;
  for (let py = 0; py < SIZE; py++) {
    for (let s = 0; s < SUB; s++) {
      const y = py + (s + 0.5) / SUB;
      const xs: { x: number; dir: number }[] = [];
      for (const e of edges) {
        if (y < e.y0 || y >= e.y1) continue;
        xs.push({ x: e.x0 + ((y - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
      }
      xs.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < xs.length - 1; i++) {
        winding += xs[i]!.dir;
        if (winding === 0) continue;
        const from = Math.max(0, Math.round(xs[i]!.x));
        const to = Math.min(SIZE, Math.round(xs[i + 1]!.x));
        for (let x = from; x < to; x++) coverage[py * SIZE + x]! += 1 / SUB;
      }
    }
  }
}

export function renderSealImpressionPng(surname: string): Buffer {
  const chars = [...surname].slice(0, 4);
  const coverage = new Float32Array(SIZE * SIZE);
  const c = SIZE / 2;
  // Ring: the area between two circles.
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const r = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      if (r <= 112 && r >= 102) coverage[y * SIZE + x] = 1;
    }
  }
  const box = 150 / Math.max(2, chars.length); // character cell height inside the ring
  const edges: Edge[] = [];
  chars.forEach((ch, i) => {
    const glyph = glyphOutline(ch);
    const em = glyph.unitsPerEm;
    const sx = 118 / em;
    const sy = (box * 1.12) / em;
    const top = c - (box * chars.length) / 2 + i * box;
    // Font units are y-up from the baseline (≈0.12 em above the cell bottom); pixels are y-down.
    edges.push(...flatten(glyph.commands, (x, y) => [c - 59 + x * sx, top + box - (y + em * 0.12) * sy]));
  });
  rasterise(edges, coverage);
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let i = 0; i < SIZE * SIZE; i++) {
    const ink = Math.min(1, coverage[i]!);
    const v = Math.round(255 * (1 - ink));
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0 });
}
