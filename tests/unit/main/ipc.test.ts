import { beforeAll, describe, expect, it, vi } from 'vitest';
import { openIngestPort, registerIpc } from '../../../main/ipc';
import { createHandlers } from '../../../main/handlers';
import { ipcMain, MessageChannelMain, FakeWebContents } from './electronMock';

vi.mock('electron', () => import('./electronMock'));

const JOB = 'job-0b5c1d0e-5a8f-4c1e-9a53-4f2d4c7e6b11';

describe('registerIpc', () => {
  const window = new FakeWebContents();
  const chooseEvidence = vi.fn(async () => null);
  const writeClipboard = vi.fn();
  const port = { post: vi.fn(), onReply: vi.fn() };
  const openPort = vi.fn(() => port);
  const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();

  beforeAll(() => {
    registerIpc(createHandlers({ chooseEvidence, openIngestPort: openPort, writeClipboard, ingestWorkerPath: '/nowhere' }) as never, new Set([window.id]));
    for (const [channel, handler] of ipcMain.handle.mock.calls as unknown as [string, never][]) registered.set(channel, handler);
  });

  const trusted = () => ({ sender: window, senderFrame: window.mainFrame });

  it('registers exactly one handler per API call', () => {
    expect([...registered.keys()].sort()).toEqual(['cairn:addDroppedEvidence', 'cairn:cancelIngest', 'cairn:copyText', 'cairn:openEvidence']);
  });

  it('runs calls from the app window', async () => {
    await expect(registered.get('cairn:openEvidence')!(trusted())).resolves.toBeNull();
    expect(chooseEvidence).toHaveBeenCalledExactlyOnceWith(window);
  });

  it('rejects calls from other windows, subframes and other origins', async () => {
    const other = new FakeWebContents();
    const subframe = { url: 'app://cairn/index.html' };
    const untrusted = [
      { sender: other, senderFrame: other.mainFrame },
      { sender: window, senderFrame: subframe },
      { sender: window, senderFrame: null },
      { sender: { ...window, id: window.id, mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } },
    ];
    for (const event of untrusted) {
      await expect(Promise.resolve().then(() => registered.get('cairn:openEvidence')!(event))).rejects.toThrow('untrusted sender');
    }
    expect(chooseEvidence).toHaveBeenCalledTimes(1);
  });

  it('validates arguments', async () => {
    const cancel = registered.get('cairn:cancelIngest')!;
    await expect(Promise.resolve().then(() => cancel(trusted(), '../../etc'))).rejects.toThrow('invalid job id');
    await expect(Promise.resolve().then(() => cancel(trusted()))).rejects.toThrow('expected 1 argument(s), got 0');
    await expect(Promise.resolve().then(() => registered.get('cairn:openEvidence')!(trusted(), '/etc/passwd'))).rejects.toThrow(
      'expected 0 argument(s), got 1',
    );
    await expect(cancel(trusted(), JOB)).resolves.toBeUndefined();
    const copy = registered.get('cairn:copyText')!;
    await expect(Promise.resolve().then(() => copy(trusted(), { toString: () => 'x' }))).rejects.toThrow('copyText: expected a string');
    await expect(Promise.resolve().then(() => copy(trusted(), 'x'.repeat(64 * 2 ** 20 + 1)))).rejects.toThrow('copyText: expected a string');
    expect(writeClipboard).not.toHaveBeenCalled();
    await expect(copy(trusted(), '{"eventName":"<b>x</b>"}')).resolves.toBeUndefined();
    expect(writeClipboard).toHaveBeenCalledExactlyOnceWith('{"eventName":"<b>x</b>"}');
  });

  it('takes only 1 to 10,000 absolute paths for dropped evidence', async () => {
    const drop = (...args: unknown[]) => Promise.resolve().then(() => registered.get('cairn:addDroppedEvidence')!(trusted(), ...args));
    const rejected: [unknown[], string][] = [
      [[], 'expected 1 argument(s), got 0'],
      [['/evidence/trail.json.gz'], 'expected an array of 1 to 10000 paths'],
      [[{ 0: '/evidence', length: 1 }], 'expected an array of 1 to 10000 paths'],
      [[[]], 'expected an array of 1 to 10000 paths'],
      [[Array.from({ length: 10_001 }, (_, i) => `/evidence/${i}.json`)], 'expected an array of 1 to 10000 paths'],
      [[['/evidence/a.json', 42]], 'path 1 is not an absolute path'],
      [[[{ toString: () => '/evidence' }]], 'path 0 is not an absolute path'],
      [[['evidence/a.json']], 'path 0 is not an absolute path'],
      [[['../../etc/passwd']], 'path 0 is not an absolute path'],
      [[['']], 'path 0 is not an absolute path'],
      [[['/evidence/a\0.json']], 'path 0 is not an absolute path'],
      [[['/' + 'x'.repeat(4096)]], 'path 0 is not an absolute path'],
      [[Object.assign(new Array<string>(2), { 1: '/evidence/a.json' })], 'path 0 is not an absolute path'],
      [[['/evidence/a.json'], '/etc/passwd'], 'expected 1 argument(s), got 2'],
    ];
    for (const [args, message] of rejected) await expect(drop(...args)).rejects.toThrow(`addDroppedEvidence: ${message}`);
    expect(openPort).not.toHaveBeenCalled();
  });

  it('starts a job for dropped paths as for picked ones: its port goes to the sender', async () => {
    const job = await registered.get('cairn:addDroppedEvidence')!(trusted(), ['/evidence/AWSLogs', '/evidence/trail.json.gz']);
    expect(job).toMatch(/^job-[0-9a-f-]{36}$/);
    expect(openPort).toHaveBeenCalledExactlyOnceWith(window, job);
    // The worker path is made up, so the job ends at once, and says why.
    await vi.waitFor(() => expect(port.post).toHaveBeenCalledWith(expect.objectContaining({ type: 'done', job, error: expect.stringContaining('ingest stopped') })));
  });
});

describe('openIngestPort', () => {
  it("transfers the page's end of a new channel to the window and posts on main's end", () => {
    const contents = new FakeWebContents();
    const port = openIngestPort(contents as never, JOB);
    const channel = MessageChannelMain.created.at(-1)!;
    expect(contents.postMessage).toHaveBeenCalledExactlyOnceWith('cairn:ingest-port', JOB, [channel.port2]);
    expect(channel.port1.start).toHaveBeenCalledOnce();
    port.post({ type: 'plan', job: JOB, filesTotal: 1, bytesTotal: 10 });
    expect(channel.port1.postMessage).toHaveBeenCalledWith({ type: 'plan', job: JOB, filesTotal: 1, bytesTotal: 10 });
  });
});
