import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_CHANNELS } from '../../../shared/ipc';
import { contextBridge, ipcRenderer } from './electronMock';

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
