/** Where two copies of an event part: a value both have but differ on, or one only one of them has. */
export interface JsonDifference {
  /** e.g. `requestParameters.bucketName`, `resources[0].ARN`, `["odd key"]`. */
  path: string;
  kind: 'changed' | 'onlyHere' | 'onlyThere';
  here?: unknown;
  there?: unknown;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const keyPath = (path: string, key: string): string => (IDENTIFIER.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`);

/**
 * How two parsed copies of an event differ, value by value: objects key by key (their order is
 * layout), arrays item by item, anything else by equality. Values compare as parsed, so a copy
 * re-serialized with sorted keys, other spacing or escapes, or `0.0` written `0` has none.
 */
export function jsonDifferences(here: unknown, there: unknown, path = ''): JsonDifference[] {
  if (isObject(here) && isObject(there)) {
    const keys = [...Object.keys(here), ...Object.keys(there).filter((key) => !Object.hasOwn(here, key))];
    return keys.flatMap((key) => {
      const at = keyPath(path, key);
      if (!Object.hasOwn(there, key)) return [{ path: at, kind: 'onlyHere' as const, here: here[key] }];
      if (!Object.hasOwn(here, key)) return [{ path: at, kind: 'onlyThere' as const, there: there[key] }];
      return jsonDifferences(here[key], there[key], at);
    });
  }
  if (Array.isArray(here) && Array.isArray(there)) {
    return Array.from({ length: Math.max(here.length, there.length) }, (_, i) => {
      const at = `${path}[${i}]`;
      if (i >= there.length) return [{ path: at, kind: 'onlyHere' as const, here: here[i] }];
      if (i >= here.length) return [{ path: at, kind: 'onlyThere' as const, there: there[i] }];
      return jsonDifferences(here[i], there[i], at);
    }).flat();
  }
  return here === there ? [] : [{ path: path || '(the whole event)', kind: 'changed', here, there }];
}
