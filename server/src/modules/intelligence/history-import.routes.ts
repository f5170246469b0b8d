import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { errorResponses, IdParams } from '@hotline/shared/contracts/common';
import {
  HISTORY_IMPORT_LIMITS,
  HistoryImportProgress,
  HistoryImportQuery,
  HistoryImportResult,
} from '@hotline/shared/contracts/intelligence';
import { typed } from '../../platform/http/typed.js';
import { badRequest } from '../../platform/http/errors.js';
import { actorFromRequest } from '../audit/audit.service.js';
import type { HistoryFileKind, HistoryImportService } from './history-import.service.js';
import { cappedUpload } from './upload-cap.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The upload stream as the parsed body, held in a private field: the app-wide input guard (preValidation) walks every
 * own enumerable property of a body, and on a bare stream that means its internal state down to each byte of the
 * buffered chunks — tens of seconds (or the heap) for a 10 MB upload. The file's text is checked row by row instead.
 */
class UploadBody {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream(): Readable {
    return this.#stream;
  }
}

/**
 * 历史工单导入 (admin). The body is the file itself (`text/csv` or the .xlsx MIME type), read as a stream: the route
 * never buffers the upload, so 100,000 rows cost the memory of one batch.
 */
export async function historyImportRoutes(app: FastifyInstance, { history }: { history: HistoryImportService }) {
  // Encapsulated: these parsers hand the raw stream over only to the routes of this plugin.
  app.addContentTypeParser(['text/csv', XLSX_MIME], (_request, payload, done) =>
    done(null, new UploadBody(payload as Readable)),
  );
  const r = typed(app);
  r.post(
    '/api/admin/history/import',
    {
      config: { roles: ['admin'] },
      bodyLimit: HISTORY_IMPORT_LIMITS.fileMaxBytes,
      schema: {
        tags: ['intelligence'],
        querystring: HistoryImportQuery,
        summary: '导入历史工单（CSV 或 XLSX 文件作为请求体；逐行校验，错误行给出行号和原因，其余导入为归档工单）',
        consumes: ['text/csv', XLSX_MIME],
        response: { 200: HistoryImportResult, ...errorResponses },
      },
    },
    async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const kind: HistoryFileKind | null = type === 'text/csv' ? 'csv' : type === XLSX_MIME ? 'xlsx' : null;
      if (!kind) throw badRequest('请上传 CSV（UTF-8）或 XLSX 文件', 'import_unsupported_type');
      const upload = request.body;
      if (!(upload instanceof UploadBody))
        throw badRequest('请上传 CSV（UTF-8）或 XLSX 文件', 'import_unsupported_type');
      const declared = Number(request.headers['content-length']);
      const stream = cappedUpload(
        upload.stream,
        HISTORY_IMPORT_LIMITS.fileMaxBytes,
        Number.isFinite(declared) && request.headers['content-length'] !== undefined ? declared : null,
      );
      return history.importFile(actorFromRequest(request), kind, stream, {
        ...(request.query.importId ? { importId: request.query.importId } : {}),
      });
    },
  );
  r.get(
    '/api/admin/history/imports/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['intelligence'],
        summary: '历史工单导入进度（已读行数、已导入、未导入；导入进行中可轮询）',
        params: IdParams,
        response: { 200: HistoryImportProgress, ...errorResponses },
      },
    },
    async (request) => history.progress(request.params.id),
  );
}
