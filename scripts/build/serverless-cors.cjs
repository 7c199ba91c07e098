// CORS for the HTTP API and for the functions, from one setting: CORS_ORIGINS (comma-separated origins).
// '*' exists only for the local and test stages (and is their default); any other stage gets exactly
// the origins listed, and none at all when nothing is listed (the mini-program itself needs no CORS).
const DEV_STAGES = ['local', 'test'];

async function origins(resolveVariable) {
  const stage = await resolveVariable('sls:stage');
  const listed = (process.env.CORS_ORIGINS || '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (DEV_STAGES.includes(stage)) return listed.length ? listed : ['*'];
  return listed.filter((o) => o !== '*');
}

module.exports = {
  /** provider.httpApi.cors: what API Gateway answers to browsers; `false` when no origin is allowed. */
  httpApiCors: async ({ resolveVariable }) => {
    const allowedOrigins = await origins(resolveVariable);
    if (!allowedOrigins.length) return false;
    return {
      allowedOrigins,
      allowedHeaders: ['content-type', 'authorization', 'idempotency-key'],
      allowedMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
      exposedResponseHeaders: ['retry-after'],
    };
  },
  /** The same list for the functions' own CORS headers (environment CORS_ORIGINS). */
  originsEnv: async ({ resolveVariable }) => (await origins(resolveVariable)).join(','),
};
