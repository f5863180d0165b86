import { readList, wordLists } from '../core/english-words';

/**
 * Words no common English word list holds: names of products, places, people and dishes ("ubuntu", "quinoa"),
 * however they are written. Case cannot tell them in prompts typed in lower case ("install docker on ubuntu").
 */
const ENGLISH = new Set(wordLists(['10', '20', '35', '40', '50']).flatMap(readList).map((w) => w.toLowerCase().replace(/'/g, '')));

/** Latin letters only, three or more: shorter words and words with digits or marks are judged elsewhere. */
const PLAIN = /^\p{Script=Latin}{3,}$/u;

export function unlisted(word: string): boolean {
  if (!PLAIN.test(word) || ENGLISH.has(word)) return false;
  // Inflections the lists leave out ("dockerized" aside): a listed word with an ending added.
  const bare = word.replace(/(?:'s|s|es|ed|ing|ly|er|ers)$/, '');
  return !(bare.length >= 3 && (ENGLISH.has(bare) || ENGLISH.has(`${bare}e`)));
}

/** Whether `a` is `b` misspelt: one edit apart, two for longer words ("recieve", "definately"). */
export function misspelt(a: string, b: string): boolean {
  const most = Math.min(a.length, b.length) >= 7 ? 2 : 1;
  if (Math.abs(a.length - b.length) > most || a[0] !== b[0]) return false;
  return editDistance(a, b, most) <= most;
}

/** Levenshtein distance with transpositions, stopped once it exceeds `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      least = Math.min(least, d);
    }
    if (least > cap) return cap + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
