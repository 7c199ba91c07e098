import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface RouteDef {
  functionName: string;
  handler: string;
  method: string;
  path: string;
}

/** The routes exactly as serverless.yml declares them, so tests route requests the way API Gateway does. */
export function routesFromServerlessYml(): RouteDef[] {
  const doc = parse(readFileSync(path.resolve(__dirname, '..', 'serverless.yml'), 'utf8')) as {
    functions: Record<string, { handler: string; events: { httpApi: { method: string; path: string } }[] }>;
  };
  return Object.entries(doc.functions).flatMap(([functionName, fn]) =>
    fn.events.map((e) => ({ functionName, handler: fn.handler, method: e.httpApi.method.toUpperCase(), path: e.httpApi.path })),
  );
}

/** Matches `/wishes/abc/claim` to `/wishes/{id}/claim` and returns the path parameters. */
export function matchRoute(routes: RouteDef[], method: string, rawPath: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(rawPath);
    if (match) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
      return { route, pathParameters: names.length ? params : undefined };
    }
  }
  return null;
}
