/** Words as a sentence lists them: 'a', 'a and b', 'a, b and c'. */
export const listed = (words: readonly string[]): string => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** A text as a sentence begins it: its first letter upper-case ('remove the filter' → 'Remove the filter'). */
export const capitalized = (text: string): string => text.replace(/^./, (first) => first.toUpperCase());
