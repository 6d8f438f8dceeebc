// Watches a server from its own process, so the test's uploads cannot delay the measurements:
// samples /proc/<pid>/status VmRSS every 50 ms and polls /api/health back to back.
// Usage: node import-watch.mjs <pid> <base>; prints "ready", then for each line on stdin ("lap" or
// "stop") one JSON line with what it saw since the last one; "stop" also ends it.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [pid, base] = process.argv.slice(2);
let rss = [];
let health = [];
let failures = [];
const sample = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (m) rss.push(Number(m[1]) / 1024);
};
sample();
const sampler = setInterval(sample, 50);
let running = true;
const poller = (async () => {
  while (running) {
    const t = performance.now();
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = await res.json();
      if (res.status !== 200 || body.ok !== true) failures.push(`health answered ${res.status}`);
    } catch (e) {
      failures.push(`health failed: ${e.message}`);
    }
    health.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
})();

function lap() {
  const sorted = [...health].sort((a, b) => a - b);
  const seen = {
    maxRssMb: Math.max(...rss),
    healthMaxMs: sorted.at(-1) ?? 0,
    healthP99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
    healthPolls: health.length,
    failures,
  };
  rss = [];
  health = [];
  failures = [];
  return seen;
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'stop') {
    running = false;
    clearInterval(sampler);
    await poller;
  }
  process.stdout.write(`${JSON.stringify(lap())}\n`);
  if (line === 'stop') process.exit(0);
}
