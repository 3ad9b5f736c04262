// What the main thread and a render worker (renderWorker.ts, renderPool.ts) say to each other.
// Everything crosses by the structured clone: the record as the JSON it is archived as, the
// options with their dates, the PDF as an ArrayBuffer handed over (transferred, not copied).
// Errors cross as plain data and are made again on the main side as the classes the API maps
// (a missing glyph becomes the field-naming refusal, as when the paper is drawn in-thread).
import type { ApiError } from '../../../shared/api/errors';
import { ApiFailure } from '../api/failure';
import { FontSetupError, MissingGlyphError, type FontLocation, type MissingGlyphReason } from './fonts';
import type { RenderOptions } from './render';

/** What a worker is started with. */
export interface RenderWorkerData {
  fonts: FontLocation;
}

/** The render options without the fonts: the worker has its own. */
export type PaperRenderOptions = Omit<RenderOptions, 'fonts'>;

export interface RenderJobMessage {
  id: number;
  /** Registry name of the paper (`defineDocument`). */
  type: string;
  /** The record as issued: the very JSON archived with the paper. */
  recordJson: string;
  options: PaperRenderOptions;
}

export type WorkerMessage =
  /** Fonts opened, papers registered: ready for jobs. */
  | { kind: 'ready'; types: string[] }
  /** The worker cannot render at all (fonts missing): it is stopped, its error given to the jobs waiting. */
  | { kind: 'failed'; error: SerializedError }
  | { kind: 'done'; id: number; pdf: ArrayBuffer; pageCount: number; width: number; height: number }
  | { kind: 'error'; id: number; error: SerializedError }
  /** The worker has no paper of this name (papers.ts does not list it): the main thread draws it. */
  | { kind: 'unknownType'; id: number };

export interface SerializedError {
  name: string;
  message: string;
  glyph?: { field: string; char: string; codePoint: number; index: number; reason: MissingGlyphReason };
  api?: ApiError;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof MissingGlyphError) {
    const { field, char, codePoint, index, reason } = error;
    return { name: error.name, message: error.message, glyph: { field, char, codePoint, index, reason } };
  }
  if (error instanceof ApiFailure) return { name: 'ApiFailure', message: error.message, api: error.error };
  if (error instanceof Error) return { name: error.name, message: error.stack ?? error.message };
  return { name: 'Error', message: String(error) };
}

/** A render worker's error that is none of the kinds below (a bug in a paper's drawing, say). */
export class RenderWorkerError extends Error {
  override readonly name = 'RenderWorkerError';
}

export function deserializeError(error: SerializedError): Error {
  if (error.glyph) {
    const { field, char, codePoint, index, reason } = error.glyph;
    return new MissingGlyphError(field, char, codePoint, index, reason);
  }
  if (error.api) return new ApiFailure(error.api);
  if (error.name === 'FontSetupError') return new FontSetupError(error.message);
  return new RenderWorkerError(`出具文书的线程出错：${error.message}`);
}
