import { Transform, type Readable } from 'node:stream';
import { formatUploadCap } from '@hotline/shared/contracts/intelligence';
import { AppError } from '../../platform/http/errors.js';

/** The 413 of an upload over the shared cap, in Chinese with the cap a person reads. */
export function uploadTooLarge(maxBytes: number): AppError {
  return new AppError(
    413,
    'import_too_large',
    `文件超过 ${formatUploadCap(maxBytes)} 的上限，请拆分为多个文件分批导入`,
  );
}

/**
 * The upload stream with a byte cap: a body announced bigger than the cap is refused before a byte is read; one that
 * grows past it while streaming (no or a false Content-Length) fails with the same 413 at the byte that crosses it.
 */
export function cappedUpload(stream: Readable, maxBytes: number, declaredLength: number | null): Readable {
  if (declaredLength !== null && declaredLength > maxBytes) {
    stream.resume(); // drain: the client may still be sending
    throw uploadTooLarge(maxBytes);
  }
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(uploadTooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
  stream.on('error', (error) => counter.destroy(error));
  return stream.pipe(counter);
}
