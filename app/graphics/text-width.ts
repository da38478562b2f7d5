/**
 * Approximate text measurement for the SVG graphics: the advance width of DejaVu Sans (the only
 * font the graphics use, see png.server.ts) per character, so a box can be sized and its text
 * wrapped before layout. Widths were measured once with resvg and the bundled font (in em, ×1000);
 * a character not in the table counts as a wide one, so an unusual name makes a box a little too
 * wide rather than overflow it.
 */

const CHARACTERS =
  "0123456789 !\"#$%&'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~æøåÆØÅéèüöäÉ–—«»’”“…•·§½";

const REGULAR = [
  636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 318, 401, 460, 838, 636, 950, 780, 275, 390,
  390, 500, 838, 318, 361, 316, 337, 337, 337, 838, 838, 838, 531, 1000, 709, 686, 698, 770, 632,
  575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 595, 732, 684, 989, 685,
  611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 344, 635, 634, 278, 278, 579,
  278, 974, 634, 612, 635, 635, 395, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  982, 612, 613, 974, 787, 684, 615, 615, 634, 612, 613, 632, 500, 1000, 612, 612, 318, 515, 511,
  1000, 590, 318, 500, 969,
];

const BOLD = [
  696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 348, 456, 521, 838, 696, 1002, 872, 306, 457,
  457, 523, 838, 380, 415, 380, 365, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
  683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 680, 703, 812, 774, 1103, 771,
  724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 405, 716, 712, 343, 343, 665,
  343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
  1048, 687, 675, 1085, 850, 774, 678, 678, 712, 687, 675, 683, 500, 1000, 646, 646, 380, 657, 657,
  1000, 639, 380, 500, 1035,
];

const FALLBACK = { regular: 800, bold: 860 } as const;

function widthTable(widths: number[]): Map<string, number> {
  const table = new Map<string, number>();
  [...CHARACTERS].forEach((c, i) => table.set(c, widths[i] ?? 0));
  return table;
}

const tables = { regular: widthTable(REGULAR), bold: widthTable(BOLD) };

export type FontWeight = keyof typeof tables;

/** The width in pixels of `text` in DejaVu Sans at `fontSize` pixels. */
export function measureText(
  text: string,
  fontSize: number,
  weight: FontWeight = "regular",
): number {
  const table = tables[weight];
  let em = 0;
  for (const c of text) em += table.get(c) ?? FALLBACK[weight];
  return (em / 1000) * fontSize;
}

/**
 * `text` broken into lines no wider than `maxWidth` at the words; a word longer than a line is
 * cut at characters (a long compound noun must not overflow the box).
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  weight: FontWeight = "regular",
): string[] {
  const lines: string[] = [];
  let line = "";
  const fits = (s: string) => measureText(s, fontSize, weight) <= maxWidth;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    let rest = word;
    while (!fits(rest)) {
      let cut = 1;
      const chars = [...rest];
      while (cut < chars.length && fits(chars.slice(0, cut + 1).join(""))) cut++;
      lines.push(chars.slice(0, cut).join(""));
      rest = chars.slice(cut).join("");
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}
