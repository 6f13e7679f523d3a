import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addDroppedEvidence, dropRefusal } from '../../../renderer/case/addEvidence';
import type { CaseInfo } from '../../../renderer/cases/caseRegistry';
import { EMPTY_PROGRESS, useCairn } from '../../../renderer/store';

const JOB = 'job-0b5c1d0e-5a8f-4c1e-9a53-4f2d4c7e6b11';
const CASE = { id: 'c1', name: 'Case' } as CaseInfo;
const RUNNING = { job: JOB, progress: EMPTY_PROGRESS, stored: 0, running: true, cancelled: false, error: null };
const addDropped = vi.fn();
const error = () => useCairn.getState().error;

describe('dropping evidence', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { cairn: { addDroppedEvidence: addDropped } });
    addDropped.mockReset();
    useCairn.getState().set({ current: CASE, ingest: null, adding: false, error: null });
  });

  it('refuses a second drop until the first is answered, and shows the job it started as running', async () => {
    let answer!: (job: string) => void;
    addDropped.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const first = addDroppedEvidence([new File(['{}'], 'a.json')]);
    expect(useCairn.getState().adding).toBe(true);
    await addDroppedEvidence([new File(['{}'], 'a.json')]);
    expect(error()).toBe('An import is running: drop more evidence once it has finished.');
    answer(JOB);
    await first;
    expect(addDropped).toHaveBeenCalledTimes(1);
    expect(useCairn.getState().adding).toBe(false);
    expect(useCairn.getState().ingest).toEqual(RUNNING);
    expect(dropRefusal(useCairn.getState())).toBe('An import is running: drop more evidence once it has finished.');
  });

  it('is refused, with the reason, without a case or while an import runs', async () => {
    expect(dropRefusal({ current: null, ingest: null, adding: false })).toBe('Open or create a case first, then drop the evidence on it.');
    expect(dropRefusal({ current: CASE, ingest: RUNNING, adding: false })).toBe('An import is running: drop more evidence once it has finished.');
    expect(dropRefusal({ current: CASE, ingest: null, adding: true })).toBe('An import is running: drop more evidence once it has finished.');
    expect(dropRefusal({ current: CASE, ingest: { ...RUNNING, running: false }, adding: false })).toBeNull();
    useCairn.getState().set({ current: null });
    await addDroppedEvidence([new File(['{}'], 'trail.json')]);
    expect(error()).toBe('Open or create a case first, then drop the evidence on it.');
    useCairn.getState().set({ current: CASE, ingest: RUNNING });
    await addDroppedEvidence([new File(['{}'], 'trail.json')]);
    expect(error()).toBe('An import is running: drop more evidence once it has finished.');
    expect(addDropped).not.toHaveBeenCalled();
  });

  it('hands the files to the preload and says so when none of them could be added', async () => {
    const files = [new File(['{}'], 'trail.json')];
    addDropped.mockResolvedValueOnce(JOB);
    await addDroppedEvidence(files);
    expect(addDropped).toHaveBeenCalledExactlyOnceWith(files);
    expect(error()).toBeNull();
    expect(useCairn.getState().ingest).toEqual(RUNNING);
    useCairn.getState().set({ ingest: null });
    addDropped.mockResolvedValueOnce(null);
    await addDroppedEvidence(files);
    expect(error()).toBe('Nothing was added: only files and folders from this computer can be dropped here.');
    addDropped.mockRejectedValueOnce(new Error('addDroppedEvidence: path 0 is not an absolute path of at most 4096 characters'));
    await addDroppedEvidence(files);
    expect(error()).toBe('Cannot add evidence: addDroppedEvidence: path 0 is not an absolute path of at most 4096 characters');
  });
});
