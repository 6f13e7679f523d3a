import { describe, expect, it } from 'vitest';
import { nestedDeeperThan, shallowJson } from '../../../shared/jsonDepth';

const nested = (depth: number): string => '{"a":'.repeat(depth - 1) + '[]' + '}'.repeat(depth - 1);

describe('nestedDeeperThan', () => {
  it('counts objects and arrays, the root included, up to the limit and past it', () => {
    expect([nested(1), nested(5), nested(6)].map((text) => nestedDeeperThan(text, 5))).toEqual([false, false, true]);
    expect(nestedDeeperThan('[[[[[[]]]]]]', 5)).toBe(true);
    expect(nestedDeeperThan('[[[[[]]]]]', 5)).toBe(false);
  });

  it('passes over brackets inside strings, escaped quotes included, and many brackets side by side', () => {
    expect(nestedDeeperThan(`{"s":"${'[{'.repeat(50)}\\"${'[{'.repeat(50)}","t":1}`, 5)).toBe(false);
    expect(nestedDeeperThan(`{"s":"\\\\","x":${'['.repeat(5)}${']'.repeat(5)}}`, 5)).toBe(true);
    expect(nestedDeeperThan(`[${'{},'.repeat(100)}[]]`, 2)).toBe(false);
  });
});

describe('shallowJson', () => {
  const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('reads a shallow text as JSON.parse does', () => {
    const text = '{"a":[1,{"b":"x"}],"__proto__":{"p":1},"c":null}';
    expect(shallowJson(text, 3)).toEqual({ value: JSON.parse(text), depth: 3 });
    expect(Object.hasOwn(shallowJson(text, 3).value as object, '__proto__')).toBe(true);
  });

  it('leaves out what lies past the limit, keeping every member around it', () => {
    const text = `{"eventName":"Deep","p":{"x":${arrays(8)},"y":[1,${arrays(5)},"]",2],"z":{}},"__proto__":{"q":[]},"t":"[{"}`;
    const { value, depth } = shallowJson(text, 4);
    expect(value).toEqual({ eventName: 'Deep', p: { x: [[]], y: [1, [], ']', 2], z: {} }, ['__proto__']: { q: [] }, t: '[{' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
    expect(depth).toBe(10);
    expect(shallowJson(`[1,${arrays(3)},{"a":${arrays(3)}},2]`, 2).value).toEqual([1, [], { }, 2]);
  });

  it('reads 5,000 and 1,000,000 levels in one pass, the value nesting no deeper than the limit', () => {
    const text = `{"eventName":"Deep","requestParameters":{"a":${arrays(5000)},"b":"kept"}}`;
    expect(shallowJson(text, 100)).toEqual({ value: { eventName: 'Deep', requestParameters: { a: JSON.parse(arrays(98)), b: 'kept' } }, depth: 5002 });
    expect(shallowJson(`{"e":1,"x":${arrays(1_000_000)}}`, 100)).toEqual({ value: { e: 1, x: JSON.parse(arrays(99)) }, depth: 1_000_001 });
  });

  it('throws on text that is not JSON, deep or not', () => {
    for (const text of [`{"a":${arrays(10)}`, `{"a":[${arrays(10)}}}`, `{"a":${arrays(10)},}`, `{"a" ${arrays(10)}}`, `{"a":${arrays(10)}} x`, `{"a":"${arrays(10)}`, `{"a":${arrays(10)},"b":tru}`, '{"a":[1,]}']) {
      expect(() => shallowJson(text, 5), text).toThrow(SyntaxError);
    }
  });
});
