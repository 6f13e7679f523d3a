import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { EventEmitter } from 'node:events';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { IngestIssue } from '../../shared/event';

/** A file's content after decompression, with the hashes an examiner quotes in a report. */
export interface EvidenceContent {
  content: Buffer;
  compressed: boolean;
  size: number;
  sha256: string;
  contentSha256: string;
  /** Set when the file could not be read to its end; content then holds what was readable. */
  issue?: IngestIssue;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Resolves when the emitter fires `event` or fails (the failure is recorded by its own listener). */
function settled(emitter: EventEmitter, event: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      emitter.off(event, done);
      emitter.off('error', done);
      resolve();
    };
    emitter.on(event, done);
    emitter.on('error', done);
  });
}

/**
 * Reads a file once, hashing its bytes as read and its content after gunzip (detected from the
 * magic bytes, not the name) in the same pass. A corrupt or truncated gzip keeps the content
 * decompressed before the fault and reports where it happened.
 */
export async function readEvidence(path: string): Promise<EvidenceContent> {
  const rawHash = createHash('sha256');
  const contentHash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  let compressed: boolean | undefined;
  let gunzip: Gunzip | undefined;
  let issue: IngestIssue | undefined;

  const take = (chunk: Buffer): void => {
    contentHash.update(chunk);
    chunks.push(chunk);
  };

  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    rawHash.update(chunk);
    size += chunk.length;
    if (compressed === undefined) {
      compressed = chunk[0] === GZIP_MAGIC[0] && chunk[1] === GZIP_MAGIC[1];
      if (compressed) {
        gunzip = createGunzip();
        gunzip.on('data', take);
        gunzip.on('error', (error: Error) => {
          issue = { severity: 'error', message: `gzip data is corrupt or truncated: ${error.message}`, location: `byte ${size}` };
        });
      }
    }
    if (!gunzip) take(chunk);
    else if (!issue && !gunzip.write(chunk)) await settled(gunzip, 'drain');
  }
  if (gunzip && !issue) {
    gunzip.end();
    await settled(gunzip, 'end');
  }
  return {
    content: Buffer.concat(chunks),
    compressed: compressed ?? false,
    size,
    sha256: rawHash.digest('hex'),
    contentSha256: contentHash.digest('hex'),
    ...(issue ? { issue } : {}),
  };
}
