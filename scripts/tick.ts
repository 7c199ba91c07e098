import { parseArgs } from 'node:util';
import { invokeTick } from './processes';

/**
 * `npm run tick`: runs the scheduled `tick` by hand against the API `npm start` runs, for now or for any
 * moment (`--time 2026-11-23T09:00:00Z`), through serverless-offline's Lambda invoke API.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { time: { type: 'string' }, port: { type: 'string' }, stage: { type: 'string', default: 'local' } },
  });
  const port = Number(values.port ?? Number(process.env.API_PORT ?? 3000) + 2);
  const time = values.time ?? new Date().toISOString();
  console.log(JSON.stringify(await invokeTick(`http://127.0.0.1:${port}`, values.stage ?? 'local', time), null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
