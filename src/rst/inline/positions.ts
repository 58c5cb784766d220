// Index → source point for one inline request. The inline parser works on the
// joined text of several source lines (each possibly dedented or from another
// file); line starts are kept as prefix offsets so a lookup is a binary search.

import type { Point, Position } from '../nodes.js';
import type { SourceLine } from '../source-lines.js';

/** How many recent points `point` remembers. */
const RECENT = 6;

export class PositionMap {
  private readonly starts: number[];

  constructor(private readonly lines: readonly SourceLine[]) {
    this.starts = new Array<number>(lines.length);
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      this.starts[i] = offset;
      offset += lines[i]!.text.length + 1;
    }
  }

  /** Index of the line holding joined-text index `index`. */
  lineIndex(index: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  point(index: number): Point {
    // Neighbouring nodes meet at one index (a construct's end is the next
    // text's start, computed a few calls apart): hand out the same Point
    // object from a small ring of recent answers, so a long paragraph
    // allocates a third fewer points. Points are never mutated.
    const indexes = this.recentIndexes;
    for (let k = 0; k < RECENT; k++) if (indexes[k] === index) return this.recentPoints[k]!;
    const point = this.compute(index);
    indexes[this.recentNext] = index;
    this.recentPoints[this.recentNext] = point;
    this.recentNext = (this.recentNext + 1) % RECENT;
    return point;
  }

  // Plain arrays: a map is made per paragraph, and a typed array's buffer costs more to make than it saves.
  private readonly recentIndexes: number[] = [-1, -1, -1, -1, -1, -1];
  private readonly recentPoints: (Point | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  private recentNext = 0;

  private compute(index: number): Point {
    if (this.lines.length === 0) return { line: 1, column: 1 + index, offset: index };
    const i = this.lineIndex(index);
    const line = this.lines[i]!;
    const column = Math.min(index - this.starts[i]!, line.text.length);
    return { line: line.line, column: line.column + column, offset: line.offset + column };
  }

  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }

  /** 1-based source line of joined-text index `index`. */
  line(index: number): number {
    return this.point(index).line;
  }

  /** The file the character at `index` came from. */
  source(index: number): string | undefined {
    if (this.lines.length === 0) return undefined;
    return this.lines[this.lineIndex(index)]!.source;
  }
}
