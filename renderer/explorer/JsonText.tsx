import type { CSSProperties } from 'react';
import { lineIndent } from './lineIndent';

/**
 * A text shown in a JSON box, each of its lines a block of its own whose wrapped part hangs two
 * columns in from where the line's text starts, so that a wrap never reads as a line of the file.
 * The text is unchanged: each line keeps its newline, and it reads and copies as written.
 */
export function JsonText({ text }: { text: string }) {
  const lines = text.split('\n');
  return lines.map((line, i) => (
    <span className="json-line" key={i} style={{ '--indent': lineIndent(line) } as CSSProperties}>
      {i < lines.length - 1 ? `${line}\n` : line}
    </span>
  ));
}
