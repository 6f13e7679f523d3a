import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import type { IngestPort } from '../../main/ingestJob';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { isJobId, type IngestReply, type JobId } from '../../shared/ipc';
import { decodeFrame, encodeFrame } from './bridgeCodec';

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const INGEST = '/__harness/ingest/';
const REPLY = '/__harness/reply/';

export interface AppServer {
  /** The app's origin, with a trailing slash. */
  base: string;
  /** Main's end of a job's channel: messages stream to the page, replies come back by POST. */
  ingestPort(job: JobId): IngestPort;
  close(): Promise<void>;
}

/**
 * A loopback server playing the app protocol: it serves the renderer bundle with the app's CSP
 * and carries ingest jobs, each as one streamed response of binary frames (see bridgeCodec.ts) (same origin, so the
 * page's CSP allows it; no test bridge round trip per batch). Its port comes from the profile
 * folder, so a reused profile keeps its origin and so its databases.
 */
export async function startAppServer(root: string, profileDir: string): Promise<AppServer> {
  const streams = new Map<JobId, { response?: ServerResponse; queued: Uint8Array[]; done?: boolean; replies?: (reply: IngestReply) => void }>();
  const jobStream = (job: JobId) => streams.get(job) ?? streams.set(job, { queued: [] }).get(job)!;

  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const job = pathname.slice(pathname.lastIndexOf('/') + 1);
    if (pathname.startsWith(INGEST) && isJobId(job)) {
      const stream = jobStream(job);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
      for (const frame of stream.queued) response.write(frame);
      stream.queued = [];
      stream.response = response;
      if (stream.done) response.end();
      return;
    }
    if (pathname.startsWith(REPLY) && isJobId(job) && request.method === 'POST') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        streams.get(job)?.replies?.(decodeFrame(Buffer.concat(chunks)) as IngestReply);
        response.end();
      });
      return;
    }
    const file = resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (!file.startsWith(root + sep) || !existsSync(file)) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': MIME[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY });
    createReadStream(file).pipe(response);
  });
  const port = 20_000 + (createHash('sha256').update(profileDir).digest().readUInt32BE(0) % 40_000);
  await new Promise<void>((listening, fail) => {
    server.once('error', (error) => fail(new Error(`the harness cannot listen on port ${port} (profile ${profileDir}): ${error.message}`)));
    server.listen(port, '127.0.0.1', () => listening());
  });

  return {
    base: `http://127.0.0.1:${port}/`,
    ingestPort(job) {
      const stream = jobStream(job);
      return {
        post(message) {
          const frame = encodeFrame(message);
          if (stream.response) stream.response.write(frame);
          else stream.queued.push(frame);
          if (message.type !== 'done') return;
          stream.done = true;
          stream.response?.end();
        },
        onReply: (listener) => (stream.replies = listener),
      };
    },
    close: () =>
      new Promise<void>((closed) => {
        for (const { response } of streams.values()) response?.end();
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
