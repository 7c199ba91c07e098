import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, forbidden, unauthenticated } from '../../shared/errors';
import type { Role, User } from '../../shared/schemas/users';
import { sessionEnded } from '../../shared/domain/sessions';
import { verifyToken } from '../auth/token';
import { allowedOrigins, TIMEOUT_MARGIN_MS } from '../config';
import { consumeWrite } from '../data/rate-limits';
import { getUser } from '../data/users';
import { accessLog } from './access-log';
import { errorMapper, jsonResponse } from './error-mapper';
import { jsonBody, type ParsedEvent } from './json-body';
import { logger, perInvocation } from './log';

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
 * The signed-in user, then for a write their use of the per-minute write limit. The limit is counted only once
 * the session is known to be live, so a token that was ended (a lost phone signed out by staff) cannot use up
 * its owner's writes; a refused write (403) of a live session counts too.
 */
async function authenticate(headers: Record<string, string | undefined>, write: boolean, now: Date): Promise<User> {
  const match = /^Bearer (\S+)$/i.exec(headers.authorization ?? '');
  if (!match) throw unauthenticated();
  const claims = await verifyToken(match[1]);
  if (!claims) throw unauthenticated('your session is not valid; sign in again');
  const user = await getUser(claims.userId);
  if (!user) throw unauthenticated('your session is not valid; sign in again');
  if (sessionEnded(user, claims.issuedAtMs)) throw unauthenticated('this session was ended; sign in again');
  if (write) await consumeWrite(user.id, now);
  return user;
}

function wrap<B extends Schema, Q extends Schema, P extends Schema, G>(
  spec: Spec<B, Q, P>,
  gate: (event: ParsedEvent, now: Date) => Promise<G>,
  run: (request: Request<B, Q, P>, gateResult: G) => Promise<unknown>,
) {
  const base = async (event: ParsedEvent, _context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const now = new Date();
    const passed = await gate(event, now);
    const request: Request<B, Q, P> = {
      body: parse<B>(spec.body as B, event.parsedBody, 'body'),
      query: parse<Q>(spec.query as Q, event.queryStringParameters, 'query'),
      path: parse<P>(spec.path as P, event.pathParameters, 'path'),
      headers: event.headers ?? {},
      sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
      now,
    };
    const result = await run(request, passed);
    if (result instanceof FileReply) return fileResponse(result);
    return result instanceof Reply ? jsonResponse(result.status, result.body) : jsonResponse(spec.status ?? 200, result);
  };
  const handler = middy<ParsedEvent, APIGatewayProxyStructuredResultV2, Error, Context>(base, {
    timeoutEarlyInMillis: TIMEOUT_MARGIN_MS,
    timeoutEarlyResponse: () => {
      throw new AppError('TIMEOUT', 'the request took too long; it may not have completed, so check before retrying');
    },
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
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
    async () => undefined,
    (request) => fn(request),
  );

/**
 * A route for signed-in users holding one of `roles` ('any': every signed-in user). The token is checked
 * before the input, so a stranger learns nothing from validation messages; the object checks are the
 * handler's (through the shared domain). Every write counts against the user's per-minute write limit.
 */
export const route = <B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  spec: Spec<B, Q, P> & { roles: readonly Role[] | 'any' },
  fn: (request: Request<B, Q, P> & { user: User }) => Promise<unknown>,
) =>
  wrap(
    spec,
    async (event, now) => {
      const user = await authenticate(event.headers ?? {}, event.requestContext?.http?.method !== 'GET', now);
      logger.appendKeys({ userId: user.id });
      if (spec.roles !== 'any' && !user.roles.some((r) => spec.roles.includes(r))) throw forbidden();
      return user;
    },
    (request, user) => fn({ ...request, user }),
  );
