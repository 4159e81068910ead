/** Splits a space-separated word list (word lists stay compact and readable as data). */
export function words(list: string): string[] {
  return list.split(' ').filter((w) => w.length > 0);
}
