/** Reading fields of a parsed event whose shape is not trusted: what is not there, or not of the kind asked, reads as absent. */
export type Json = Record<string, unknown>;

/** Whether `value` is an object (arrays are none). */
export const isJson = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `value` if it is an object (arrays are none); else undefined. */
export const asJson = (value: unknown): Json | undefined => (isJson(value) ? value : undefined);

/** The object at `key` of `value`; undefined when either is no object. */
export const objectAt = (value: unknown, key: string): Json | undefined => asJson(asJson(value)?.[key]);

/** The string, number or boolean at `key` of `value` as text; '' for anything else. */
export const textAt = (value: Json | undefined, key: string): string => {
  const inner = value?.[key];
  return typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' ? String(inner) : '';
};
