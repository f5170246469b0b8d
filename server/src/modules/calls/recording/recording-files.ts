/**
 * rtpengine's recording directory (`--recording-method=pcap`): while a call is recorded its metadata file sits in
 * `tmp/` and its packets go to `pcaps/<url-encoded call id>-<hex>.pcap`; when rtpengine deletes the call the pcap is
 * closed and the metadata moves to `metadata/rtpengine-meta-<same name>.txt` (first line: the pcap's path). A call
 * offered to several agents in turn has one file per offer: the last finished one is the answered leg.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface FinishedRecording {
  /** Relative to the recording directory. */
  fileName: string;
  bytes: number;
  finishedAtMs: number;
}

/** rtpengine's file-name form of a Call-ID (URL encoding of the characters a file name cannot take). */
export function recordingPrefix(callId: string): string {
  return encodeURIComponent(callId);
}

async function listOrEmpty(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** The call's recordings that rtpengine has finished (metadata moved out of tmp/), newest last. */
export async function finishedRecordings(dir: string, callId: string): Promise<FinishedRecording[]> {
  const prefix = `rtpengine-meta-${recordingPrefix(callId)}-`;
  const found: FinishedRecording[] = [];
  for (const meta of await listOrEmpty(path.join(dir, 'metadata'))) {
    if (!meta.startsWith(prefix) || !meta.endsWith('.txt')) continue;
    const finished = await finishedFileOf(dir, meta);
    if (finished) found.push(finished);
  }
  return found.sort((a, b) => a.finishedAtMs - b.finishedAtMs);
}

/** The pcap a metadata file names (its first line), if both are there. */
async function finishedFileOf(dir: string, meta: string): Promise<FinishedRecording | null> {
  const metaPath = path.join(dir, 'metadata', meta);
  const firstLine = (await readFile(metaPath, 'utf8').catch(() => '')).split('\n')[0]?.trim() ?? '';
  const name = path.basename(firstLine || meta.slice('rtpengine-meta-'.length, -'.txt'.length) + '.pcap');
  const fileName = path.join('pcaps', name);
  const info = await stat(path.join(dir, fileName)).catch(() => null);
  const metaInfo = await stat(metaPath).catch(() => null);
  return info && metaInfo ? { fileName, bytes: info.size, finishedAtMs: metaInfo.mtimeMs } : null;
}

/** Is rtpengine still writing a recording of this call (metadata in tmp/)? */
export async function recordingInProgress(dir: string, callId: string): Promise<boolean> {
  const prefix = `rtpengine-meta-${recordingPrefix(callId)}-`;
  return (await listOrEmpty(path.join(dir, 'tmp'))).some((f) => f.startsWith(prefix));
}

/** SHA-256 (hex) of a file, streamed. */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Deletes a recording and its metadata file. */
export async function deleteRecording(dir: string, fileName: string): Promise<void> {
  const base = path.basename(fileName, '.pcap');
  await rm(path.join(dir, fileName), { force: true });
  await rm(path.join(dir, 'metadata', `rtpengine-meta-${base}.txt`), { force: true });
}

/** A path inside the recording directory (a stored name never escapes it). */
export function recordingPath(dir: string, fileName: string): string {
  const full = path.resolve(dir, fileName);
  if (!full.startsWith(path.resolve(dir) + path.sep)) throw new Error('recording path outside the recording directory');
  return full;
}

/** A finished recording file with the Call-ID it was written for (rtpengine names it `<encoded call id>-<hex>`). */
export interface FinishedFile extends FinishedRecording {
  callId: string;
}

/**
 * Every recording rtpengine has finished and nobody has claimed yet (its metadata still in metadata/: storing a
 * recording removes it), with its Call-ID, oldest first.
 */
export async function unclaimedRecordings(dir: string): Promise<FinishedFile[]> {
  const found: FinishedFile[] = [];
  for (const meta of await listOrEmpty(path.join(dir, 'metadata'))) {
    const match = /^rtpengine-meta-(.+)-[0-9a-f]+\.txt$/.exec(meta);
    if (!match) continue;
    let callId: string;
    try {
      callId = decodeURIComponent(match[1]!);
    } catch {
      continue;
    }
    const finished = await finishedFileOf(dir, meta);
    if (finished) found.push({ ...finished, callId });
  }
  return found.sort((a, b) => a.finishedAtMs - b.finishedAtMs);
}

/** A stored recording leaves the unclaimed list: its metadata file goes (the pcap stays, named by its row). */
export async function markClaimed(dir: string, fileName: string): Promise<void> {
  const base = path.basename(fileName, '.pcap');
  await rm(path.join(dir, 'metadata', `rtpengine-meta-${base}.txt`), { force: true });
}
