import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ListedFile {
  path: string;
  size: number;
  /** Why the path could not be listed, when it could not. */
  error?: string;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Expands the picked paths into regular files: folders walked recursively in name order,
 * symbolic links inside them not followed. A path that cannot be read is listed with its error.
 */
export async function listFiles(paths: readonly string[]): Promise<ListedFile[]> {
  const files: ListedFile[] = [];
  const visit = async (path: string): Promise<void> => {
    try {
      const info = await stat(path);
      if (info.isFile()) files.push({ path, size: info.size });
      else if (info.isDirectory()) {
        const entries = (await readdir(path, { withFileTypes: true })).sort(byName);
        for (const entry of entries) {
          if (entry.isDirectory() || entry.isFile()) await visit(join(path, entry.name));
        }
      }
    } catch (error) {
      files.push({ path, size: 0, error: `cannot open: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
  };
  for (const path of paths) await visit(path);
  return files;
}
