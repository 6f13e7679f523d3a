import { stringEnd } from './jsonSplitter';

const WHITESPACE = /[ \t\n\r]+/g;

/**
 * A whole JSON text written compactly, as CloudTrail writes its events: whitespace between tokens
 * dropped, and each string that holds an escape written as JSON.stringify writes it (`\u00e9` as
 * `é`, `\/` as `/`). Numbers stay as written: CloudTrail writes doubles as `0.0` or `2.0E7`
 * (S3 data events' byte counts), and a copy pretty-printed by jq (1.7 and later) or Python keeps
 * them so, where re-serializing the parsed value would write `0` and make it a conflict.
 */
export function compactForm(text: string): string {
  let compact = '';
  for (let from = 0; ; ) {
    const open = text.indexOf('"', from);
    compact += text.slice(from, open < 0 ? text.length : open).replace(WHITESPACE, '');
    if (open < 0) return compact;
    const end = stringEnd(text, open);
    const string = text.slice(open, end);
    compact += string.includes('\\') ? JSON.stringify(JSON.parse(string)) : string;
    from = end;
  }
}
