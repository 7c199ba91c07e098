import type { z } from 'zod';
import { parseAnswer } from './request';

/** As long as the request layer waits for an answer. */
const TIMEOUT_MS = 15_000;

/**
 * H5: answers index.html asked for before the app's code arrived (a signed-in user opening the home page).
 * Each is used once, by the first load of its list; anything but a 2xx answer in time is asked again through
 * the request layer, which reports errors and handles an expired session as everywhere else.
 */
export function early<S extends z.ZodType>(path: string, schema: S, ask: () => Promise<z.output<S>>): Promise<z.output<S>> {
  if (process.env.TARO_ENV !== 'h5') return ask();
  const started = (window as { __linliEarly?: Record<string, Promise<Response> | undefined> }).__linliEarly;
  const response = started?.[path];
  if (!response) return ask();
  delete started[path];
  const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in time')), TIMEOUT_MS));
  // Each way of failing asks once more, never twice.
  // An answer of the wrong shape is an error the page shows (with a retry), exactly as through the request layer.
  return Promise.race([response, late]).then(
    (res) => (res.ok ? res.json().then((data: unknown) => parseAnswer(schema, data, res.status), ask) : ask()),
    ask,
  );
}
