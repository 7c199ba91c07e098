/** Latencies and status codes per route, for the load harness's report. */
export class Metrics {
  private readonly latencies = new Map<string, number[]>();
  private readonly statuses = new Map<string, Map<number, number>>();
  private started = 0;
  private ended = 0;

  start(): void {
    this.started = performance.now();
  }

  stop(): void {
    this.ended = performance.now();
  }

  record(route: string, status: number, ms: number): void {
    if (!this.latencies.has(route)) this.latencies.set(route, []);
    this.latencies.get(route)!.push(ms);
    const counts = this.statuses.get(route) ?? new Map<number, number>();
    counts.set(status, (counts.get(status) ?? 0) + 1);
    this.statuses.set(route, counts);
  }

  get total(): number {
    return [...this.latencies.values()].reduce((n, xs) => n + xs.length, 0);
  }

  /** Status code → count, over every route. */
  statusTotals(): Map<number, number> {
    const totals = new Map<number, number>();
    for (const counts of this.statuses.values()) for (const [s, n] of counts) totals.set(s, (totals.get(s) ?? 0) + n);
    return totals;
  }

  report(): string {
    const seconds = (this.ended - this.started) / 1000;
    const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
    const rows = [...this.latencies.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const codes = [...(this.statuses.get(route) ?? new Map())]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
        return [
          route.padEnd(30),
          String(xs.length).padStart(6),
          ...[50, 95, 99].map((p) => pct(sorted, p).toFixed(0).padStart(7)),
          `  ${codes}`,
        ].join(' ');
      });
    const totals = [...this.statusTotals()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    return [
      `${this.total} requests in ${seconds.toFixed(1)} s: ${(this.total / seconds).toFixed(1)} requests/s; status codes ${totals}`,
      '',
      `${'route'.padEnd(30)} ${'count'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  statuses`,
      ...rows,
    ].join('\n');
  }
}
