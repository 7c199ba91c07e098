/** Settings come from the environment serverless.yml (or the local runner) sets; read at call time. */
const env = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
};

/** A setting the server cannot work without: a bug of the deployment, answered as a 500 and logged. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** An unset or unknown stage is production-like: nothing below opens up unless a stage is named. */
export const stage = (): string => env('STAGE') ?? 'prod';

const DEV_STAGES = ['local', 'test'];

/**
 * Demo sign-in and the development secret exist only where the local runner or the test suite switch
 * them on explicitly (LINLI_DEV_AUTH=on) *and* the stage is a development one; either alone is not enough.
 */
export const isDevAuth = (): boolean => env('LINLI_DEV_AUTH') === 'on' && DEV_STAGES.includes(stage());

export const tableName = (): string => env('TABLE_NAME') ?? `linli-${stage()}`;

export const dynamoEndpoint = (): string | undefined => env('DYNAMODB_ENDPOINT');

/** Public (it is in the repository): it signs tokens only where isDevAuth() holds. */
export const DEVELOPMENT_SECRET = 'linli-local-development-secret-not-for-production';
export const MIN_SECRET_LENGTH = 32;

export function jwtSecret(): Uint8Array {
  const secret = env('JWT_SECRET') ?? (isDevAuth() ? DEVELOPMENT_SECRET : undefined);
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`JWT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new TextEncoder().encode(secret);
}

export const wechatConfig = () => ({
  appId: env('WECHAT_APP_ID'),
  appSecret: env('WECHAT_APP_SECRET'),
  apiBase: env('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com',
});

/** The browser origins the API answers; '*' only where the stage is a development one. */
export function allowedOrigins(): string[] {
  const listed = (env('CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (listed.includes('*') && !DEV_STAGES.includes(stage())) return listed.filter((o) => o !== '*');
  return listed;
}

const count = (name: string, fallback: number): number => {
  const value = Number(env(name));
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/**
 * How long a container keeps a signed-in user it read (ms; 0: read on every request). A session ended in
 * another container still works here for at most this long (README, "Sessions"); 5 s unless set.
 */
export const userCacheMs = (): number => {
  const value = Number(env('USER_CACHE_MS'));
  return Number.isInteger(value) && value >= 0 && env('USER_CACHE_MS') !== undefined ? value : 5_000;
};

/** How long a container keeps reference data a hot write reads (functions/data/ref-cache.ts), REF_CACHE_MS. */
export const refCacheMs = (): number => {
  const value = Number(env('REF_CACHE_MS'));
  return Number.isInteger(value) && value >= 0 && env('REF_CACHE_MS') !== undefined ? value : 5_000;
};

/** Limits against floods, per user; counted in DynamoDB because Lambda runs many instances. */
export const limits = () => ({
  /** Wishes a resident may post (or have posted for them) in any rolling hour. */
  wishesPerHour: count('LIMIT_WISHES_PER_HOUR', 5),
  /** Wishes a resident may have open at once. */
  openWishes: count('LIMIT_OPEN_WISHES', 10),
  /** Writes (POST and PATCH) any user may make in a minute. */
  writesPerMinute: count('LIMIT_WRITES_PER_MINUTE', 60),
  /** WeChat sign-ins from one source address in a minute (a community centre's wifi is one address). */
  signInsPerMinute: count('LIMIT_SIGN_INS_PER_MINUTE', 60),
  /** Tries of one wx.login code in ten minutes: WeChat accepts a code once, so more is someone guessing or a loop. */
  triesPerCode: 3,
  /** Changes of home a resident may make in 30 days (the first home they say is none): each undoes the verification. */
  homeChangesPerMonth: 2,
  /** Days a declined applicant waits before applying to the same team again (each application tells the lead and staff). */
  reapplyAfterDays: 30,
});

export const logLevel = (): string => env('LOG_LEVEL') ?? 'INFO';

/** How long before the function's own timeout a request gives up and answers 504 itself. */
export const TIMEOUT_MARGIN_MS = 500;
