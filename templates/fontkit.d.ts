// The small part of fontkit (pdfkit's font engine) the templates use directly.
declare module 'fontkit' {
  export interface PathCommand { command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath'; args: number[] }
  export interface GlyphPath { commands: PathCommand[]; toSVG(): string }
  export interface Glyph { id: number; advanceWidth: number; path: GlyphPath; codePoints: number[] }
  export interface GlyphPosition { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
  export interface GlyphRun { glyphs: Glyph[]; positions: GlyphPosition[] }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    glyphForCodePoint(cp: number): Glyph;
    getGlyph(id: number): Glyph;
    layout(text: string, features?: unknown): GlyphRun;
    createSubset(): unknown;
    hasGlyphForCodePoint(cp: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
