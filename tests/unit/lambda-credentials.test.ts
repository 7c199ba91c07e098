import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultProvider } from '../../scripts/build/lambda-credentials';

// The deploy bundles carry this in place of the SDK's whole credential chain (scripts/build/bundle.cjs): it must find
// credentials wherever Lambda puts them, and say plainly when there are none.
const KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
] as const;

describe('credentials in a Lambda bundle', () => {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  const restore = (values: Record<string, string | undefined>) => {
    for (const k of KEYS) {
      if (values[k] === undefined) delete process.env[k];
      else process.env[k] = values[k];
    }
  };
  beforeEach(() => restore({}));
  afterAll(() => restore(saved));

  test("the execution role's keys, as the Lambda runtime puts them in the environment", async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDROLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session' });
    const credentials = await defaultProvider()();
    expect(credentials).toMatchObject({ accessKeyId: 'AKIDROLE', secretAccessKey: 'secret', sessionToken: 'session' });
  });

  test('the container endpoint when the environment hands credentials out that way, asked once while they last', async () => {
    let served = 0;
    const server: Server = createServer((request, response) => {
      served++;
      expect(request.headers.authorization).toBe('container-token');
      const expiration = new Date(Date.now() + 3_600_000).toISOString();
      response.end(JSON.stringify({ AccessKeyId: `AKIDCONTAINER${served}`, SecretAccessKey: 's', Token: 't', Expiration: expiration }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${port}/creds`;
      process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'container-token';
      const provider = defaultProvider();
      expect((await provider()).accessKeyId).toBe('AKIDCONTAINER1');
      expect((await provider()).accessKeyId).toBe('AKIDCONTAINER1');
      expect(served).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('neither: a plain refusal naming where it looked, without trying files or instance metadata', async () => {
    await expect(defaultProvider()()).rejects.toThrow(/AWS_ACCESS_KEY_ID.*container endpoint/);
  });
});
