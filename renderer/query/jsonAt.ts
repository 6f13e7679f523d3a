/** Reading fields of a parsed event whose shape is not trusted: what is not there, or not of the kind asked, reads as absent. */
export type Json = Record<string, unknown>;

/** The object at `key` of `value`; undefined when either is no object (arrays are none). */
export const objectAt = (value: unknown, key: string): Json | undefined => {
  const inner = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json)[key] : undefined;
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Json) : undefined;
};

/** The string, number or boolean at `key` of `value` as text; '' for anything else. */
export const textAt = (value: Json | undefined, key: string): string => {
  const inner = value?.[key];
  return typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' ? String(inner) : '';
};
