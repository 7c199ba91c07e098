/** As long as the request layer waits for an answer. */
const TIMEOUT_MS = 15_000;

/**
 * H5: answers index.html asked for before the app's code arrived (a signed-in user opening the home page).
 * Each is used once, by the first load of its list; anything but a 2xx answer in time is asked again through
 * the request layer, which reports errors and handles an expired session as everywhere else.
 */
export function early<T>(path: string, ask: () => Promise<T>): Promise<T> {
  if (process.env.TARO_ENV !== 'h5') return ask();
  const started = (window as { __linliEarly?: Record<string, Promise<Response> | undefined> }).__linliEarly;
  const response = started?.[path];
  if (!response) return ask();
  delete started[path];
  const late = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in time')), TIMEOUT_MS));
  // Each way of failing asks once more, never twice.
  return Promise.race([response, late]).then((res) => (res.ok ? (res.json() as Promise<T>).catch(ask) : ask()), ask);
}
