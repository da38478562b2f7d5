/**
 * Counting words the one way the whole import counts them (reader, recogniser, summary): a word
 * is a run of non-whitespace characters, so "3.962.000 kr." is two words and a lone "–" is one.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const word of text.split(/\s+/)) if (word) count += 1;
  return count;
}
