import { describe, expect, it } from 'vitest';
import { fileName, fileNameParts, missingHash, printable, printableJson, printableValue } from '../../../shared/printable';

describe('printable', () => {
  it('escapes C0 and C1 controls, DEL and bidirectional formatting, and leaves all other text as it is', () => {
    expect(printable('a\u0000b\tc\nd\u001b[2Je\u007f\u0085\u009f')).toBe('a\\u0000b\\u0009c\\u000ad\\u001b[2Je\\u007f\\u0085\\u009f');
    expect(printable('evil\u202egpj.json \u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069')).toBe('evil\\u202egpj.json \\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069');
    expect(printable('é ü 中文 🙂 \u00a0 \u200d \\u0041')).toBe('é ü 中文 🙂 \u00a0 \u200d \\u0041');
  });

  it('escapes the invisible characters that make two names look the same, and keeps the joiners scripts and emoji need', () => {
    expect(printable('user/admin\u200b')).toBe('user/admin\\u200b');
    expect(printable('\ufeffad\u00admin\u2060\u2061\u2062\u2063\u2064\u180e')).toBe('\\ufeffad\\u00admin\\u2060\\u2061\\u2062\\u2063\\u2064\\u180e');
    expect(printable('می\u200cخواهم 👩\u200d💻')).toBe('می\u200cخواهم 👩\u200d💻');
    expect(JSON.parse(printableJson('{"userName":"admin\u200b"}'))).toEqual({ userName: 'admin\u200b' });
  });

  it('shows JSON with the same escapes, keeping its line breaks and tabs, and it parses to the very same value', () => {
    const text = '{\n\t"arn": "user/\u202egnp.exe\u202c-admin",\r\n "c1": "\u0085"\n}';
    const shown = printableJson(text);
    expect(shown).toBe('{\n\t"arn": "user/\\u202egnp.exe\\u202c-admin",\r\n "c1": "\\u0085"\n}');
    expect(JSON.parse(shown)).toEqual(JSON.parse(text));
  });

  it("escapes a value's whitespace at either end, which a page does not show, and keeps the spaces inside", () => {
    expect(['203.0.113.9', ' 203.0.113.9', '203.0.113.9 ', '\t203.0.113.9\u00a0\u3000'].map(printableValue)).toEqual(['203.0.113.9', '\\u0020203.0.113.9', '203.0.113.9\\u0020', '\\u0009203.0.113.9\\u00a0\\u3000']);
    expect(printableValue('alice\u00a0')).toBe('alice\\u00a0');
    expect(printableValue('\u2002\u2009\u202f\u205f\u1680x\u2028')).toBe('\\u2002\\u2009\\u202f\\u205f\\u1680x\\u2028');
    expect(printableValue('aws-cli/2.15  Python/3.11\u00a0Linux')).toBe('aws-cli/2.15  Python/3.11\u00a0Linux');
    expect([printableValue('  '), printableValue('')]).toEqual(['\\u0020\\u0020', '']);
    // The other escapes stay, and it is its own result's: shown twice, a value reads the same.
    expect(printableValue(' admin\u200b ')).toBe('\\u0020admin\\u200b\\u0020');
    expect(printableValue(printableValue(' admin\u200b '))).toBe('\\u0020admin\\u200b\\u0020');
  });

  it('names a file by its archive chain, outermost first, printable', () => {
    expect(fileName({ container: ['/cases/a.zip', 'inner.tar'], path: 'x\u001b.json' })).toBe('/cases/a.zip › inner.tar › x\\u001b.json');
    expect(fileName({ container: [], path: '/cases/b.json' })).toBe('/cases/b.json');
    expect(fileName({ container: [], path: '' })).toBe("(unnamed: the import ended before this file's record came)");
    expect(fileName({ container: ['/cases/a.zip '], path: ' b.json ' })).toBe('/cases/a.zip\\u0020 › \\u0020b.json\\u0020');
  });

  it("cuts a file's shown name where its own name begins, after its last folder or archive, whatever its escapes", () => {
    expect(fileNameParts({ container: [], path: '/cases/x.json ' })).toEqual({ place: '/cases/', name: 'x.json\\u0020' });
    expect(fileNameParts({ container: [], path: 'C:\\cases\\x\u001b.json' })).toEqual({ place: 'C:\\cases\\', name: 'x\\u001b.json' });
    expect(fileNameParts({ container: ['/cases/a.zip', 'inner.tar'], path: 'logs/ b.json' })).toEqual({ place: '/cases/a.zip › inner.tar › logs/', name: ' b.json' });
    expect(fileNameParts({ container: ['/cases/a.zip'], path: 'b.json' })).toEqual({ place: '/cases/a.zip › ', name: 'b.json' });
    expect(fileNameParts({ container: [], path: ' b.json' })).toEqual({ place: '', name: '\\u0020b.json' });
    expect(fileNameParts({ container: [], path: '' })).toEqual({ place: '', name: "(unnamed: the import ended before this file's record came)" });
  });

  it('says why a file has no hash: not read to its end, not read at all, or, for a file whose record never came, not known', () => {
    // An import cancelled while the file was read (TreeReader), or an archive entry not followed.
    expect(missingHash({ path: '/cases/b-large.ndjson' })).toBe('not hashed: not read to its end');
    // Not reached by an import that stopped (notReached), or a path the walk does not open.
    expect(missingHash({ path: '/cases/c.json', unread: true })).toBe('not hashed: not read');
    // Made up from its events when the import stopped (JobLedger.stopped).
    expect(missingHash({ path: '' })).toBe("not known: this file's record never came");
  });
});
