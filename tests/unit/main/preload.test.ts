import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_CHANNELS } from '../../../shared/ipc';
import { contextBridge, ipcRenderer, webUtils } from './electronMock';

vi.mock('electron', () => import('./electronMock'));

const JOB = 'job-0b5c1d0e-5a8f-4c1e-9a53-4f2d4c7e6b11';
const postMessage = vi.fn();

describe('preload', () => {
  beforeAll(async () => {
    vi.stubGlobal('window', { postMessage, location: { origin: 'app://cairn' } });
    await import('../../../main/preload');
  });

  it('exposes one object, window.cairn, with exactly the API calls', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = contextBridge.exposeInMainWorld.mock.calls[0]! as [string, Record<string, unknown>];
    expect(name).toBe('cairn');
    expect(Object.keys(api).sort()).toEqual([...API_CHANNELS].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each call on its own channel with its arguments', async () => {
    const api = contextBridge.exposeInMainWorld.mock.calls[0]![1] as { cancelIngest(job: string): Promise<void> };
    await expect(api.cancelIngest(JOB)).resolves.toBe('answer');
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('cairn:cancelIngest', JOB);
  });

  it('sends main only the paths of dropped files that Electron resolves, and nothing when none resolves', async () => {
    const api = contextBridge.exposeInMainWorld.mock.calls[0]![1] as { addDroppedEvidence(files: File[]): Promise<unknown> };
    const onDisk = new Map([
      ['trail.json.gz', '/evidence/trail.json.gz'],
      ['AWSLogs', '/evidence/AWSLogs'],
    ]);
    webUtils.getPathForFile.mockImplementation((file) => onDisk.get(file.name) ?? '');
    ipcRenderer.invoke.mockClear();
    const dropped = ['trail.json.gz', '/etc/passwd', 'AWSLogs'].map((name) => new File(['{}'], name));
    await expect(api.addDroppedEvidence(dropped)).resolves.toBe('answer');
    expect(webUtils.getPathForFile.mock.calls.map(([file]) => file)).toEqual(dropped);
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('cairn:addDroppedEvidence', ['/evidence/trail.json.gz', '/evidence/AWSLogs']);
    await expect(api.addDroppedEvidence([new File(['{}'], '/etc/shadow')])).resolves.toBeNull();
    await expect(api.addDroppedEvidence([])).resolves.toBeNull();
    expect(ipcRenderer.invoke).toHaveBeenCalledOnce();
  });

  it("hands a job's port to the page window, and nothing that is not a job", () => {
    const [channel, listener] = ipcRenderer.on.mock.calls[0]! as [string, (event: unknown, job: unknown) => void];
    expect(channel).toBe('cairn:ingest-port');
    const port = { name: 'port' };
    listener({ ports: [port] }, JOB);
    expect(postMessage).toHaveBeenCalledExactlyOnceWith({ type: 'cairn:ingest-port', job: JOB }, 'app://cairn', [port]);
    listener({ ports: [port] }, '<img src=x onerror=alert(1)>');
    expect(postMessage).toHaveBeenCalledOnce();
  });
});
