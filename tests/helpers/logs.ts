/**
 * Captures what the functions' logger writes (JSON lines on stdout and stderr) for the rest of the test
 * file. Call it at the top of the file and load the handlers lazily (through helpers/api, or require()
 * in the test): the logger takes its level when it is first loaded, and it must be INFO then.
 */
export function captureLogs() {
  const raw: string[] = [];
  let spies: jest.SpyInstance[] = [];
  let level: string | undefined;
  beforeAll(() => {
    level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'INFO';
    const keep = (chunk: unknown) => {
      raw.push(String(chunk));
      return true;
    };
    spies = [jest.spyOn(process.stdout, 'write').mockImplementation(keep), jest.spyOn(process.stderr, 'write').mockImplementation(keep)];
  });
  afterAll(() => {
    for (const s of spies) s.mockRestore();
    process.env.LOG_LEVEL = level;
  });
  return {
    text: () => raw.join(''),
    lines: (): Record<string, any>[] =>
      raw
        .join('')
        .split('\n')
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, any>];
          } catch {
            return [];
          }
        }),
  };
}
