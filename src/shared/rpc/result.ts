// What a method call answers across any transport: a value, or an AppError.
// Nothing is thrown across a boundary; a thrown error would lose its code.
import { z } from 'zod';
import type { AppError } from '../app-error.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const appErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  kafkaCode: z.number().int().optional(),
  retriable: z.boolean(),
});

export const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);

/**
 * Thrown inside the backend (and by the client proxy on the renderer side)
 * to carry an AppError; the dispatcher turns it back into a Result.
 */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failed(error: AppError): Result<never> {
  return { ok: false, error };
}
