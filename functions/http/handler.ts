import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, forbidden, unauthenticated } from '../../shared/errors';
import type { Role, User } from '../../shared/schemas/users';
import { sessionEnded } from '../../shared/domain/sessions';
import { verifyToken } from '../auth/token';
import { allowedOrigins, TIMEOUT_MARGIN_MS } from '../config';
import { consumeWrite, writeLimitItem } from '../data/rate-limits';
import type { TransactItem } from '../data/transactions';
import { accessLog } from './access-log';
import { errorMapper, jsonResponse } from './error-mapper';
import { jsonBody, type ParsedEvent } from './json-body';
import { logger, perInvocation } from './log';
import { cachedUser } from './user-cache';

type Schema = z.ZodType | undefined;
type Infer<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

interface Spec<B extends Schema, Q extends Schema, P extends Schema> {
  body?: B;
  query?: Q;
  path?: P;
  /** The status of a plain return value; 200 unless said. */
  status?: number;
}

export interface Request<B extends Schema, Q extends Schema, P extends Schema> {
  body: Infer<B>;
  query: Infer<Q>;
  path: Infer<P>;
  headers: Record<string, string | undefined>;
  /** The caller's address as API Gateway saw it: the only name a request has before sign-in. */
  sourceIp: string;
  now: Date;
}

/** A return value with its own status, for routes that answer 200 or 201 (an idempotent replay). */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** A return value that is a file to download rather than JSON (a CSV export). */
export class FileReply {
  constructor(
    readonly contentType: string,
    readonly filename: string,
    readonly body: string,
  ) {}
}

const fileResponse = (f: FileReply): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: { 'content-type': f.contentType, 'content-disposition': `attachment; filename="${f.filename}"`, vary: 'Origin' },
  body: f.body,
});

function parse<S extends Schema>(schema: S, value: unknown, where: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', `the ${where} is not valid`, issues);
  }
  return result.data as Infer<S>;
}

/**
 * The signed-in user (read at most once per request, and kept a few seconds per container: user-cache.ts), then
 * for a write their use of the per-minute write limit unless the route counts it in its own transaction. The
 * limit is counted only once the session is known to be live, so a token that was ended (a lost phone signed out
 * by staff) cannot use up its owner's writes; a refused write (403) of a live session counts too.
 */
async function authenticate(headers: Record<string, string | undefined>, count: boolean, now: Date): Promise<User> {
  const match = /^Bearer (\S+)$/i.exec(headers.authorization ?? '');
  if (!match) throw unauthenticated();
  const claims = await verifyToken(match[1]);
  if (!claims) throw unauthenticated('your session is not valid; sign in again');
  const user = await cachedUser(claims.userId, now.getTime());
  if (!user) throw unauthenticated('your session is not valid; sign in again');
  if (sessionEnded(user, claims.issuedAtMs)) throw unauthenticated('this session was ended; sign in again');
  if (count) await consumeWrite(user.id, now);
  return user;
}

/**
 * A write of a route that counts its write limit in its own transaction did not commit it (a refusal, a bad
 * input, a replayed key): it is counted now, as every write of a live session was before; past the limit the
 * answer becomes the 429 it would have been. A 429 already is not counted again.
 */
async function countUncommitted(error: unknown, userId: string, now: Date): Promise<void> {
  if (error instanceof AppError && error.code === 'RATE_LIMITED') return;
  await consumeWrite(userId, now);
}

/** What a gate let through, and what to do (counting a write) if the request then fails. */
interface Passed<G> {
  value: G;
  /** Checks after the gate that still belong to it (the role): run before the input is parsed. */
  admit?: () => void;
  onFailure?: (error: unknown) => Promise<void>;
}

function wrap<B extends Schema, Q extends Schema, P extends Schema, G>(
  spec: Spec<B, Q, P>,
  gate: (event: ParsedEvent, now: Date) => Promise<Passed<G>>,
  run: (request: Request<B, Q, P>, gateResult: G) => Promise<unknown>,
) {
  const base = async (event: ParsedEvent, _context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const now = new Date();
    const passed = await gate(event, now);
    try {
      passed.admit?.();
      const request: Request<B, Q, P> = {
        body: parse<B>(spec.body as B, event.parsedBody, 'body'),
        query: parse<Q>(spec.query as Q, event.queryStringParameters, 'query'),
        path: parse<P>(spec.path as P, event.pathParameters, 'path'),
        headers: event.headers ?? {},
        sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
        now,
      };
      const result = await run(request, passed.value);
      if (result instanceof FileReply) return fileResponse(result);
      return result instanceof Reply ? jsonResponse(result.status, result.body) : jsonResponse(spec.status ?? 200, result);
    } catch (error) {
      await passed.onFailure?.(error);
      throw error;
    }
  };
  const handler = middy<ParsedEvent, APIGatewayProxyStructuredResultV2, Error, Context>(base, {
    timeoutEarlyInMillis: TIMEOUT_MARGIN_MS,
    timeoutEarlyResponse: () => {
      throw new AppError('TIMEOUT', 'the request took too long; it may not have completed, so check before retrying');
    },
  })
    .use(accessLog())
    .use(httpHeaderNormalizer())
    .use(jsonBody())
    .use(
      httpCors({
        // Read per request, so the configuration in force is the one answered; an unlisted origin gets no header.
        getOrigin: (incoming) => {
          const origins = allowedOrigins();
          if (origins.includes('*')) return '*';
          return incoming && origins.includes(incoming) ? incoming : '';
        },
        headers: 'content-type,authorization,idempotency-key',
        methods: 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
        exposeHeaders: 'retry-after',
      }),
    )
    .use(errorMapper());
  return perInvocation(handler);
}

/** A route anyone may call (sign-in, health). */
export const publicRoute = <B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  spec: Spec<B, Q, P>,
  fn: (request: Request<B, Q, P>) => Promise<unknown>,
) =>
  wrap(
    spec,
    async () => ({ value: undefined }),
    (request) => fn(request),
  );

/**
 * How a write route counts the per-minute write limit: 'before' (the default) with its own UpdateItem before the
 * handler runs; 'in-transaction' as `request.writeLimit`, an item the handler MUST put into its one
 * TransactWriteItems (and read back with writeLimitRefusal, functions/data/rate-limits.ts). A write of such a
 * route that fails without committing it (a refusal, a bad input) is counted after all, so the limit means the
 * same for both.
 */
export type WriteLimitMode = 'before' | 'in-transaction';
type WithWriteLimit<L extends WriteLimitMode> = L extends 'in-transaction' ? { writeLimit: TransactItem } : unknown;

/**
 * A route for signed-in users holding one of `roles` ('any': every signed-in user). The token is checked
 * before the input, so a stranger learns nothing from validation messages; the object checks are the
 * handler's (through the shared domain). Every write counts against the user's per-minute write limit.
 */
export const route = <
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  L extends WriteLimitMode = 'before',
>(
  spec: Spec<B, Q, P> & { roles: readonly Role[] | 'any'; limit?: L },
  fn: (request: Request<B, Q, P> & { user: User } & WithWriteLimit<L>) => Promise<unknown>,
) =>
  wrap(
    spec,
    async (event, now): Promise<Passed<User>> => {
      const write = event.requestContext?.http?.method !== 'GET';
      const inTransaction = spec.limit === 'in-transaction';
      const user = await authenticate(event.headers ?? {}, write && !inTransaction, now);
      logger.appendKeys({ userId: user.id });
      return {
        value: user,
        admit: () => {
          if (spec.roles !== 'any' && !user.roles.some((r) => spec.roles.includes(r))) throw forbidden();
        },
        ...(write && inTransaction ? { onFailure: (error: unknown) => countUncommitted(error, user.id, now) } : {}),
      };
    },
    (request, user) =>
      fn({
        ...request,
        user,
        ...(spec.limit === 'in-transaction' ? { writeLimit: writeLimitItem(user.id, request.now) } : {}),
      } as Request<B, Q, P> & { user: User } & WithWriteLimit<L>),
  );
