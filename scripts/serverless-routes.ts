import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface RouteDef {
  functionName: string;
  handler: string;
  method: string;
  path: string;
  /** The function's timeout in seconds (its own, else the provider's). */
  timeoutSeconds: number;
}

interface FunctionDef {
  handler: string;
  timeout?: number;
  events: { httpApi?: { method: string; path: string }; schedule?: unknown }[];
}

const serverlessYml = () =>
  parse(readFileSync(path.resolve(__dirname, '..', 'serverless.yml'), 'utf8')) as {
    provider: { timeout?: number };
    functions: Record<string, FunctionDef>;
  };
const functionsOf = () => serverlessYml().functions;

/** The routes exactly as serverless.yml declares them, so tests route requests the way API Gateway does. */
export function routesFromServerlessYml(): RouteDef[] {
  const yml = serverlessYml();
  return Object.entries(yml.functions).flatMap(([functionName, fn]) =>
    fn.events.flatMap((e) =>
      e.httpApi
        ? [
            {
              functionName,
              handler: fn.handler,
              method: e.httpApi.method.toUpperCase(),
              path: e.httpApi.path,
              timeoutSeconds: fn.timeout ?? yml.provider.timeout ?? 6,
            },
          ]
        : [],
    ),
  );
}

/** Every function serverless.yml deploys (routes and scheduled jobs), for the size checks. */
export function functionsFromServerlessYml(): { functionName: string; handler: string }[] {
  return Object.entries(functionsOf()).map(([functionName, fn]) => ({ functionName, handler: fn.handler }));
}

/**
 * Matches `/wishes/abc/claim` to `/wishes/{id}/claim` and returns the path parameters. As API Gateway does,
 * a route with more fixed segments wins (`/wishes/similar` over `/wishes/{id}`).
 */
export function matchRoute(routes: RouteDef[], method: string, rawPath: string) {
  const matches = routes.flatMap((route) => {
    if (route.method !== method) return [];
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(rawPath);
    if (!match) return [];
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
    return [{ route, pathParameters: names.length ? params : undefined, params: names.length }];
  });
  matches.sort((a, b) => a.params - b.params);
  return matches[0] ? { route: matches[0].route, pathParameters: matches[0].pathParameters } : null;
}
