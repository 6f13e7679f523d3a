import { stringClose } from './jsonSplitter';

/**
 * True when objects and arrays nest in a JSON text more than `limit` levels deep (its root being
 * one). Such an event is refused whatever its format: the app's detail pane parses and
 * pretty-prints the stored text, which deep nesting breaks, and the text is checked before it is
 * parsed, since parsing deep nesting costs far more memory than its size. Nesting that deep needs
 * more than `limit` opening brackets, so an ordinary event is cleared by counting them with a few
 * native searches; only a text with more is scanned, strings passed over.
 */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let brackets = 0;
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) if (++brackets > limit) return scanDeeperThan(text, limit);
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) if (++brackets > limit) return scanDeeperThan(text, limit);
  return false;
}

function scanDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringClose(text, i + 1);
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
    if (i < 0) return false;
  }
  return false;
}
