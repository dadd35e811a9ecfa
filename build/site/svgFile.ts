/** A chart's SVG as a file of its own (an XML declaration; the SVG already carries xmlns). */
export function standaloneSvgFile(svg: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
