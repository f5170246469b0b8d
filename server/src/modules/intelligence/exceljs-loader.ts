import { createRequire, Module } from 'node:module';
import path from 'node:path';
import type ExcelJSType from 'exceljs';

/**
 * exceljs 4.4's streaming reader decodes every zip chunk on its own (`TextDecoder.decode(chunk)` without
 * `stream: true`), so a Chinese character cut by a chunk boundary turns into two U+FFFD — one row in a few thousand
 * came out garbled in our 100,000-row test. Its SAX helper is replaced here, before exceljs is first loaded, by the same
 * code with one decoder per stream. Load exceljs only through this function (the supervision report writer does too).
 * Should anything have loaded exceljs unpatched before (a direct `import 'exceljs'` elsewhere in the process), its
 * cached modules are dropped and exceljs is loaded again, patched: the reader never runs on the unpatched helper.
 */
const require = createRequire(import.meta.url);
let loaded: typeof ExcelJSType | null = null;

export function loadExcelJs(): typeof ExcelJSType {
  if (loaded) return loaded;
  const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  const fromExcelJs = createRequire(parseSaxPath);
  const cachedSax = require.cache[parseSaxPath];
  if (cachedSax && !(cachedSax.exports as { patched?: boolean })?.patched) {
    const packageDir = path.dirname(require.resolve('exceljs/package.json')) + path.sep;
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(packageDir) && !key.slice(packageDir.length).includes(`node_modules${path.sep}`)) {
        delete require.cache[key];
      }
    }
  }
  if (!require.cache[parseSaxPath]) {
    const { SaxesParser } = fromExcelJs('saxes') as typeof import('saxes');
    const { PassThrough } = fromExcelJs('readable-stream') as typeof import('node:stream');
    async function* parseSax(source: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
      let iterable: AsyncIterable<Buffer | string> = source;
      if (typeof source.pipe === 'function' && !(Symbol.asyncIterator in source)) {
        iterable = (source as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) as AsyncIterable<Buffer>;
      }
      const decoder = new TextDecoder('utf-8');
      const parser = new SaxesParser();
      let error: Error | undefined;
      parser.on('error', (e: Error) => {
        error = e;
      });
      let events: { eventType: string; value: unknown }[] = [];
      parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
      parser.on('text', (value) => events.push({ eventType: 'text', value }));
      parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
      for await (const chunk of iterable) {
        parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
        if (error) throw error;
        yield events;
        events = [];
      }
      const rest = decoder.decode();
      if (rest) {
        parser.write(rest);
        if (error) throw error;
        yield events;
      }
    }
    (parseSax as unknown as { patched: boolean }).patched = true;
    const patched = new Module(parseSaxPath);
    patched.filename = parseSaxPath;
    patched.loaded = true;
    patched.exports = parseSax;
    require.cache[parseSaxPath] = patched;
  }
  loaded = require('exceljs') as typeof ExcelJSType;
  return loaded;
}
