import { describe, expect, it, vi } from 'vitest';
import { paramMatcher, paramNeedles, sameParamValue, valueAt } from '../../../renderer/query/paramMatch';
import type { ParamFilter } from '../../../renderer/query/queryProtocol';

const param = (path: ParamFilter['path'], value: ParamFilter['value']): ParamFilter => ({ kind: 'param', path, value });
const event = (requestParameters: unknown): string => JSON.stringify({ eventName: 'X', requestParameters });

describe('valueAt', () => {
  const root = { a: { b: [10, { c: 'deep' }] }, arr: ['x'] };
  it('follows own keys and array indices only', () => {
    expect(valueAt(root, ['a', 'b', 1, 'c'])).toBe('deep');
    expect(valueAt(root, ['a', 'b', 0])).toBe(10);
    expect(valueAt(root, [])).toBe(root);
    expect(valueAt(root, ['a', 'b', '0'])).toBeUndefined();
    expect(valueAt(root, ['arr', 'length'])).toBeUndefined();
    expect(valueAt(root, ['a', 'toString'])).toBeUndefined();
    expect(valueAt(root, ['a', 'b', 5])).toBeUndefined();
    expect(valueAt(root, [0])).toBeUndefined();
    expect(valueAt(null, ['a'])).toBeUndefined();
  });
});

describe('paramNeedles', () => {
  it('keeps the runs of keys and values that any JSON writer leaves literal', () => {
    expect(paramNeedles(param(['bucketName'], 'my-bucket'))).toEqual(['bucketName', 'my-bucket']);
    expect(paramNeedles(param(['policyArn'], 'arn:aws:iam::aws:policy/AdministratorAccess'))).toEqual(['policyArn', 'arn:aws:iam::aws:policy', 'AdministratorAccess']);
    expect(paramNeedles(param(['items', 0, 'n'], 42))).toEqual(['items']);
    expect(paramNeedles(param(['force'], false))).toEqual(['force', 'false']);
    expect(paramNeedles(param(['clientToken'], null))).toEqual(['clientToken', 'null']);
    expect(paramNeedles(param(['name'], 'café <x> é'))).toEqual(['name', 'caf']);
  });
});

describe('paramMatcher', () => {
  it('matches the value at exactly that path, type-exact', () => {
    const bucket = paramMatcher(param(['bucketName'], 'my-bucket'));
    expect(bucket(event({ bucketName: 'my-bucket' }))).toBe(true);
    expect(bucket(event({ bucketName: 'my-bucket-2' }))).toBe(false);
    expect(bucket(event({ other: { bucketName: 'my-bucket' } }))).toBe(false);
    expect(bucket(JSON.stringify({ responseElements: { bucketName: 'my-bucket' } }))).toBe(false);
    expect(bucket(event(null))).toBe(false);

    const count = paramMatcher(param(['instancesSet', 'items', 0, 'minCount'], 1));
    expect(count(event({ instancesSet: { items: [{ minCount: 1 }] } }))).toBe(true);
    expect(count(event({ instancesSet: { items: [{ minCount: '1' }] } }))).toBe(false);
    expect(count(event({ instancesSet: { items: [{ minCount: 2 }, { minCount: 1 }] } }))).toBe(false);
    expect(count(event({ instancesSet: { items: { 0: { minCount: 1 } } } }))).toBe(false);
    expect(paramMatcher(param(['n'], '1'))(event({ n: 1 }))).toBe(false);
    expect(paramMatcher(param(['on'], true))(event({ on: 'true' }))).toBe(false);
    expect(paramMatcher(param(['token'], null))(event({ token: null }))).toBe(true);
    expect(paramMatcher(param(['token'], null))(event({}))).toBe(false);
  });

  it('finds values however the writer escaped them', () => {
    const arn = paramMatcher(param(['policyArn'], 'arn:aws:iam::aws:policy/Admin<&>é'));
    expect(arn('{"requestParameters":{"policyArn":"arn:aws:iam::aws:policy\\/Admin\\u003c\\u0026\\u003e\\u00e9"}}')).toBe(true);
    expect(arn('{"requestParameters":{"policyArn":"arn:aws:iam::aws:policy/Admin<&>é"}}')).toBe(true);
    expect(paramMatcher(param(['n'], 1000))('{"requestParameters":{"n":1e3}}')).toBe(true);
  });

  it('turns down texts that are not JSON, parsing only what passes the prefilter', () => {
    const bucket = paramMatcher(param(['bucketName'], 'my-bucket'));
    expect(bucket('bucketName,my-bucket,"a CSV row"')).toBe(false);
    expect(bucket('{"requestParameters":{"bucketName":"my-bucket"')).toBe(false);
    const texts = [event({ keyName: 'k' }), event({ bucketName: 'other' }), event({ bucketName: 'my-bucket' })];
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(texts.map((text) => bucket(text))).toEqual([false, false, true]);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('paramMatcher on responseElements', () => {
  const created = (key: string) => JSON.stringify({ eventName: 'CreateAccessKey', requestParameters: null, responseElements: { accessKey: { accessKeyId: key, userName: 'Root' } } });
  const returned: ParamFilter = { kind: 'param', of: 'responseElements', path: ['accessKey', 'accessKeyId'], value: 'AKIA5ZZZK44445XXFFVB' };

  it('matches the value at that path of what the call returned, never of what it was given', () => {
    const key = paramMatcher(returned);
    expect([
      key(created('AKIA5ZZZK44445XXFFVB')),
      key(created('AKIASWJJJ66ZZZII4IYY')),
      key(event({ accessKey: { accessKeyId: 'AKIA5ZZZK44445XXFFVB' } })),
      key(JSON.stringify({ userIdentity: { accessKeyId: 'AKIA5ZZZK44445XXFFVB' } })),
    ]).toEqual([true, false, false, false]);
    expect(paramMatcher({ ...returned, of: undefined })(event({ accessKey: { accessKeyId: 'AKIA5ZZZK44445XXFFVB' } }))).toBe(true);
  });

  it("reads a Lake row's responseelements map with its file's header", () => {
    const header = 'eventname,responseelements,eventid';
    const key = paramMatcher({ ...returned, asText: true });
    expect([key('CreateAccessKey,"{accessKey={accessKeyId=AKIA5ZZZK44445XXFFVB, userName=Root}}",e-1', () => header), key('CreateAccessKey,"{accessKey={accessKeyId=AKIA5ZZZK44445XXFFVB1}}",e-1', () => header)]).toEqual([true, false]);
  });
});

describe('paramMatcher on a CSV row built from columns', () => {
  it("reads a Lake row's requestparameters map with its file's header, asking for the header only past the prefilter", () => {
    const header = 'eventname,requestparameters,eventid';
    const row = (params: string) => `GetObject,"${params}",e-1`;
    const key = paramMatcher(param(['key'], 'payroll/2024/01/salaries.csv'));
    const asked = vi.fn(() => header);
    expect([
      key(row('{bucketName=finance-reports, key=payroll/2024/01/salaries.csv}'), asked),
      key(row('{bucketName=finance-reports, key=payroll/2024/01/salaries.csv.bak}'), asked),
      key(row('{bucketName=finance-reports, key=other}'), asked),
      key(row('{bucketName=finance-reports, key=payroll/2024/01/salaries.csv}')),
    ]).toEqual([true, false, false, false]);
    expect(asked).toHaveBeenCalledTimes(2);
  });
});

describe('a value written as text by Lake and the same value in JSON', () => {
  const header = 'eventname,requestparameters,eventid';
  const lake = (params: string) => `AssumeRole,"${params}",e-1`;
  const texts = [
    lake('{roleArn=arn:aws:iam::1:role/Admin, durationSeconds=3600}'),
    lake('{durationSeconds=3600.0}'),
    lake('{durationSeconds=7200}'),
    lake('{roleSessionName=3600}'),
    event({ durationSeconds: 3600 }),
    event({ durationSeconds: 3.6e3 }),
    event({ durationSeconds: '3600' }),
    event({ durationSeconds: ' 3600' }),
    event({ durationSeconds: '3600s' }),
    event({ durationSeconds: 7200 }),
    event({ roleSessionName: 3600 }),
  ];
  const matching = (filter: ParamFilter) => texts.flatMap((text, i) => (paramMatcher(filter)(text, () => header) ? [i] : []));

  it("matches a Lake row's text pivot with the number or the text in JSON, and nothing else", () => {
    expect(matching({ kind: 'param', path: ['durationSeconds'], value: '3600', asText: true })).toEqual([0, 4, 5, 6]);
    expect(paramNeedles({ kind: 'param', path: ['durationSeconds'], value: '3600', asText: true })).toEqual(['durationSeconds']);
  });

  it("matches a JSON number's pivot with a Lake row's text of that number, still not with JSON's string", () => {
    expect(matching(param(['durationSeconds'], 3600))).toEqual([0, 1, 4, 5]);
    expect(matching(param(['durationSeconds'], '3600'))).toEqual([0, 6]);
  });

  it('matches booleans written either way, and texts only with the same text', () => {
    const on = (found: unknown, foundAsText: boolean, wanted: ParamFilter['value'], wantedAsText: boolean) => sameParamValue(found, foundAsText, wanted, wantedAsText);
    expect([on('true', true, true, false), on(true, false, 'true', true), on('TRUE', true, true, false), on('true', false, true, false), on(true, false, 'true', false)]).toEqual([true, true, false, false, false]);
    expect([on('0x10', true, 16, false), on('', true, 0, false), on('1e3', true, '1000', true), on(null, true, null, true), on({}, true, '{}', true)]).toEqual([false, false, false, true, false]);
  });
});

describe('paramMatcher on a deeply nested event', () => {
  const arrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('matches the parameters within 100 levels of a 5,000-deep event, and nothing deeper', () => {
    const text = `{"eventName":"Deep","requestParameters":{"bucketName":"b","x":${arrays(5000)}}}`;
    expect(paramMatcher({ kind: 'param', path: ['bucketName'], value: 'b' })(text)).toBe(true);
    expect(paramMatcher({ kind: 'param', path: ['bucketName'], value: 'c' })(text)).toBe(false);
    // What lies past the limit is in the text only: the parse that reads it is never made.
    const below = `{"eventName":"Deep","requestParameters":${'{"a":'.repeat(120)}"v"${'}'.repeat(120)}}`;
    expect(paramMatcher({ kind: 'param', path: Array<string>(120).fill('a'), value: 'v' })(below)).toBe(false);
    expect(paramMatcher({ kind: 'param', path: Array<string>(97).fill('a'), value: 'v' })(below.replace(`${'{"a":'.repeat(23)}"v"${'}'.repeat(23)}`, '"v"'))).toBe(true);
  });
});

describe('paramMatcher on a shared event ID', () => {
  const shared = paramMatcher({ kind: 'sharedEvent', value: '4f2a8c1e-7b3d' });
  it('matches the top-level sharedEventID only, exactly', () => {
    expect(shared(JSON.stringify({ eventType: 'AwsCloudTrailInsight', sharedEventID: '4f2a8c1e-7b3d' }))).toBe(true);
    expect(shared(JSON.stringify({ sharedEventID: '4f2a8c1e-7b3d-0' }))).toBe(false);
    expect(shared(JSON.stringify({ requestParameters: { sharedEventID: '4f2a8c1e-7b3d' } }))).toBe(false);
    expect(shared(JSON.stringify({ eventID: '4f2a8c1e-7b3d' }))).toBe(false);
    expect(paramNeedles({ kind: 'sharedEvent', value: '4f2a8c1e-7b3d' })).toEqual(['sharedEventID', '4f2a8c1e-7b3d']);
  });
});
