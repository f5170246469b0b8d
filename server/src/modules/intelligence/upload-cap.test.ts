import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cappedUpload } from './upload-cap.js';

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

describe('issue 15 history upload cap', () => {
  it('passes an upload under the cap through unchanged', async () => {
    const source = Readable.from([Buffer.alloc(400), Buffer.alloc(600)]);
    expect(await drain(cappedUpload(source, 1000, 1000))).toBe(1000);
  });

  it('refuses an announced length over the cap at once, with a Chinese 413', () => {
    const source = Readable.from([Buffer.alloc(10)]);
    expect(() => cappedUpload(source, 1000, 5000)).toThrowError(/超过 1 KB 的上限/);
    try {
      cappedUpload(Readable.from([Buffer.alloc(10)]), 1000, 5000);
    } catch (error) {
      expect((error as { statusCode: number }).statusCode).toBe(413);
    }
  });

  it('fails with 413 at the chunk that crosses the cap when no length was announced', async () => {
    const source = Readable.from([Buffer.alloc(600), Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(drain(cappedUpload(source, 1000, null))).rejects.toMatchObject({
      statusCode: 413,
      code: 'import_too_large',
    });
  });
});
