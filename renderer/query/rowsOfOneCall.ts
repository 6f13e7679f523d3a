/**
 * The CSV rows of calls the case holds only as CSV rows (two exports of one call, no full event of
 * its eventID), each paired with the first of them stored, which stands for the call: as copyPairs
 * gives a row and its full event, the row's global number then its stand-in's. `rows` are the case's
 * partial rows (see PARTIAL_KEY), by global number in storage order, each with its eventID's key;
 * `linked` the pairs copyPairs gives: an eventID any of whose rows is linked to a full event is left
 * out, as its full event stands for it (the first full event of an eventID takes every row of it).
 */
export function rowsOfOneCall(rows: { globals: readonly number[]; keys: readonly number[] }, linked: Uint32Array): Uint32Array {
  const linkedRows = new Set<number>();
  for (let k = 0; k < linked.length; k += 2) linkedRows.add(linked[k]!);
  const withFull = new Set<number>();
  rows.globals.forEach((global, k) => {
    if (linkedRows.has(global)) withFull.add(rows.keys[k]!);
  });
  const first = new Map<number, number>();
  const pairs: number[] = [];
  rows.globals.forEach((global, k) => {
    const key = rows.keys[k]!;
    if (withFull.has(key)) return;
    const standIn = first.get(key);
    if (standIn === undefined) first.set(key, global);
    else pairs.push(global, standIn);
  });
  return Uint32Array.from(pairs);
}

/** The calls of `pairs` (as rowsOfOneCall gives them) as their rows' global numbers, the stand-in first, then in the order stored. */
function callsOf(pairs: Uint32Array): Map<number, number[]> {
  const calls = new Map<number, number[]>();
  for (let k = 0; k < pairs.length; k += 2) {
    const standIn = pairs[k + 1]!;
    const rows = calls.get(standIn) ?? [standIn];
    rows.push(pairs[k]!);
    calls.set(standIn, rows);
  }
  return calls;
}

/** Every two rows of one call among `pairs` (as rowsOfOneCall gives them), the later first: what is compared, so that each row's pane and the listing's marks agree. */
export function everyRowPair(pairs: Uint32Array): Uint32Array {
  const all: number[] = [];
  for (const rows of callsOf(pairs).values()) for (let i = 1; i < rows.length; i++) for (let j = 0; j < i; j++) all.push(rows[i]!, rows[j]!);
  return Uint32Array.from(all);
}

/** The other rows of the call `global` is a row of, among `pairs` (as rowsOfOneCall gives them), the stand-in first; none when it is no such row. */
export function otherRowsOfCall(pairs: Uint32Array, global: number): number[] {
  let standIn = global;
  for (let k = 0; k < pairs.length; k += 2) if (pairs[k] === global) standIn = pairs[k + 1]!;
  return (callsOf(pairs).get(standIn) ?? []).filter((row) => row !== global);
}
