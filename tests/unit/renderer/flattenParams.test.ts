import { describe, expect, it } from 'vitest';
import { boundedParse } from '../../../shared/jsonDepth';
import { flattenParams, formatParamPath, formatParamValue } from '../../../renderer/explorer/flattenParams';

describe('flattenParams', () => {
  it('lists the scalar leaves of requestParameters in document order, with nested and array paths', () => {
    const event = {
      eventName: 'RunInstances',
      requestParameters: {
        instancesSet: { items: [{ imageId: 'ami-1111', minCount: 1 }, { imageId: 'ami-2222', minCount: 2 }] },
        disableApiTermination: false,
        clientToken: null,
        tagSpecificationSet: { items: [] },
        blockDeviceMapping: {},
        'x-amz-acl': 'private',
        'a.b': 'dotted key',
      },
    };
    expect(flattenParams(event)).toEqual([
      { path: ['instancesSet', 'items', 0, 'imageId'], value: 'ami-1111' },
      { path: ['instancesSet', 'items', 0, 'minCount'], value: 1 },
      { path: ['instancesSet', 'items', 1, 'imageId'], value: 'ami-2222' },
      { path: ['instancesSet', 'items', 1, 'minCount'], value: 2 },
      { path: ['disableApiTermination'], value: false },
      { path: ['clientToken'], value: null },
      { path: ['x-amz-acl'], value: 'private' },
      { path: ['a.b'], value: 'dotted key' },
    ]);
  });

  it('has nothing for events without request parameters', () => {
    expect(flattenParams({ requestParameters: null })).toEqual([]);
    expect(flattenParams({ eventName: 'ConsoleLogin' })).toEqual([]);
    expect(flattenParams({ requestParameters: 'not an object' })).toEqual([]);
    expect(flattenParams(undefined)).toEqual([]);
    expect(flattenParams([{ requestParameters: { a: 1 } }])).toEqual([]);
  });

  it('lists the leaves of responseElements when asked, and only those', () => {
    const event = { requestParameters: { userName: 'tracy_stone' }, responseElements: { user: { arn: 'arn:aws:iam::493859302102:user/tracy_stone', path: '/' }, ids: ['i-1'] } };
    expect(flattenParams(event, 'responseElements')).toEqual([
      { path: ['user', 'arn'], value: 'arn:aws:iam::493859302102:user/tracy_stone' },
      { path: ['user', 'path'], value: '/' },
      { path: ['ids', 0], value: 'i-1' },
    ]);
    expect(flattenParams(event)).toEqual([{ path: ['userName'], value: 'tracy_stone' }]);
    expect(flattenParams({ responseElements: null }, 'responseElements')).toEqual([]);
  });

  it('writes paths with dots and [i], quoting keys a dot would make ambiguous', () => {
    expect(formatParamPath(['bucketName'])).toBe('bucketName');
    expect(formatParamPath(['instancesSet', 'items', 0, 'imageId'])).toBe('instancesSet.items[0].imageId');
    expect(formatParamPath(['host', 0])).toBe('host[0]');
    expect(formatParamPath(['x-amz-acl'])).toBe('x-amz-acl');
    expect(formatParamPath(['a.b', 'c d', '0', ''])).toBe('["a.b"]["c d"]["0"][""]');
    expect(formatParamPath(['key\u202etxt.exe'])).toBe('["key\\u202etxt.exe"]');
  });

  it('shows values as JSON, cut with … past the limit', () => {
    expect([formatParamValue('my-bucket', 20), formatParamValue(1, 20), formatParamValue('1', 20), formatParamValue(true, 20), formatParamValue(null, 20)]).toEqual(['"my-bucket"', '1', '"1"', 'true', 'null']);
    expect(formatParamValue('line\none <b>', 40)).toBe('"line\\none <b>"');
    expect(formatParamValue('arn:aws:iam::123456789012:policy/LongName', 20)).toBe('"arn:aws:iam::12345…');
    expect(formatParamValue('arn:aws:iam::123456789012:policy/LongName', 20)).toHaveLength(20);
    expect(formatParamValue('user/\u202egnp.exe\u202c-admin')).toBe('"user/\\u202egnp.exe\\u202c-admin"');
  });
});

describe('flattenParams on a deeply nested event', () => {
  const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('lists the leaves within 100 levels of a 5,000-deep event and walks no further, however it was parsed', () => {
    const text = `{"eventName":"Deep","requestParameters":{"bucketName":"b","x":${arrays(5000)},"y":[${'{"a":'.repeat(120)}1${'}'.repeat(120)}]}}`;
    expect(flattenParams(boundedParse(text))).toEqual([{ path: ['bucketName'], value: 'b' }]);
    // A value parsed in full (JSON.parse builds it without recursing) is walked no deeper either.
    const leaf = `{"eventName":"Deep","requestParameters":{"k":${'{"a":'.repeat(97)}7${'}'.repeat(97)},"j":${'{"a":'.repeat(98)}8${'}'.repeat(98)},"i":${'{"a":'.repeat(99)}9${'}'.repeat(99)},"x":${arrays(100_000)}}}`;
    expect(flattenParams(JSON.parse(leaf)).map(({ path, value }) => [path.length, value])).toEqual([[98, 7], [99, 8]]);
    expect(flattenParams(boundedParse(leaf)).map(({ path, value }) => [path.length, value])).toEqual([[98, 7], [99, 8]]);
  });
});
