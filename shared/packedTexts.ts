/**
 * Original texts as a batch carries them and a segment stores them: joined, as UTF-8, compressed
 * as raw DEFLATE, with each text's length in UTF-16 code units. CloudTrail JSON shrinks about
 * tenfold, and every hop after parsing (to the renderer, into IndexedDB, back out) moves the
 * compressed bytes, never a string per event. Texts are well-formed UTF-16 (decoded from the
 * evidence with U+FFFD for what is invalid; lone surrogates that a JSON string decoded to are
 * written as escapes, see main's itemEvent), so the UTF-8 round trip gives them back exactly.
 */
export interface PackedTexts {
  deflated: Uint8Array<ArrayBuffer>;
  lengths: Uint32Array<ArrayBuffer>;
}

/** The texts packed in `packed`, in order. Rejects bytes that do not inflate to exactly the lengths given. */
export async function unpackTexts({ deflated, lengths }: PackedTexts): Promise<string[]> {
  const inflated = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  // ignoreBOM: a text may itself begin with U+FEFF.
  const joined = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(inflated).arrayBuffer());
  const texts: string[] = [];
  let at = 0;
  for (const length of lengths) texts.push(joined.slice(at, (at += length)));
  if (at !== joined.length) throw new Error(`packed texts hold ${joined.length} characters, not the ${at} their lengths add up to`);
  return texts;
}
