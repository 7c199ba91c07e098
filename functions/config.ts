/** Settings come from the environment serverless.yml (or the local runner) sets; read at call time. */
const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

export const stage = (): string => env('STAGE') ?? 'local';

/** Demo logins and the demo user list exist only where no real resident can reach them. */
export const isDevStage = (): boolean => ['local', 'test'].includes(stage());

export const tableName = (): string => env('TABLE_NAME') ?? `linli-${stage()}`;

export const dynamoEndpoint = (): string | undefined => env('DYNAMODB_ENDPOINT');

const DEV_SECRET = 'linli-local-development-secret-not-for-production';

export function jwtSecret(): Uint8Array {
  const secret = env('JWT_SECRET') ?? (isDevStage() ? DEV_SECRET : undefined);
  if (!secret || secret.length < 32) throw new Error('JWT_SECRET must be set to at least 32 characters');
  return new TextEncoder().encode(secret);
}

export const wechatConfig = () => ({
  appId: env('WECHAT_APP_ID'),
  appSecret: env('WECHAT_APP_SECRET'),
  apiBase: env('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com',
});

export const allowedOrigins = (): string[] => (env('CORS_ORIGINS') ?? '*').split(',');
