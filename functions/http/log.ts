/** One JSON line per event, for CloudWatch queries. Never pass a body, a token or a WeChat session here. */
export function log(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>): void {
  if (process.env.LOG_LEVEL === 'silent') return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}
