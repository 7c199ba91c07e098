import * as z from 'zod';

/** Ids are short, URL-safe strings: seeded ones are readable (`u-res-wang`), new ones are random. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _');
export type Id = z.infer<typeof Id>;

export const IsoTime = z.string().max(40);

export const Cursor = z.string().min(1).max(2048);

export const PageQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Every list endpoint answers one page: at most 50 items and an opaque cursor for the next one. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** On 5xx answers: the id under which the server logged the cause. */
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({ status: z.literal('ok'), stage: z.string(), time: z.string() });
export type Health = z.infer<typeof Health>;
