// Page geometry and small drawing helpers shared by the templates (units: PDF points).
import type { PathCommand } from 'fontkit';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MM = 72 / 25.4;

const r = (n: number) => +n.toFixed(2);

/** A glyph outline as PDF path operators, each point mapped through `map`. */
export function pathOps(commands: PathCommand[], map: (x: number, y: number) => [number, number]): string {
  const out: string[] = [];
  const pt = (x: number, y: number) => map(x, y).map(r).join(' ');
  let cur: [number, number] = [0, 0];
  for (const c of commands) {
    const a = c.args;
    switch (c.command) {
      case 'moveTo':
        out.push(`${pt(a[0]!, a[1]!)} m`);
        cur = [a[0]!, a[1]!];
        break;
      case 'lineTo':
        out.push(`${pt(a[0]!, a[1]!)} l`);
        cur = [a[0]!, a[1]!];
        break;
      case 'quadraticCurveTo': {
        // Quadratic → cubic: control points at 2/3 towards the quadratic control point.
        const [qx, qy, x, y] = a as [number, number, number, number];
        const c1: [number, number] = [cur[0] + (2 / 3) * (qx - cur[0]), cur[1] + (2 / 3) * (qy - cur[1])];
        const c2: [number, number] = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
        out.push(`${pt(...c1)} ${pt(...c2)} ${pt(x, y)} c`);
        cur = [x, y];
        break;
      }
      case 'bezierCurveTo':
        out.push(`${pt(a[0]!, a[1]!)} ${pt(a[2]!, a[3]!)} ${pt(a[4]!, a[5]!)} c`);
        cur = [a[4]!, a[5]!];
        break;
      case 'closePath':
        out.push('h');
        break;
    }
  }
  return out.join(' ');
}
