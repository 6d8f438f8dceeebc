/**
 * Self time per function of a V8 CPU profile (`node --cpu-prof`, e.g. BENCH_CPU_PROF of the HTTP
 * benches), highest first, with the share of the sampled time; also the total per package/folder.
 *
 * Run: `npx tsx bench/cpu-profile-top.ts <file.cpuprofile> [rows, default 40]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('cpu-profile-top: give a .cpuprofile file');
// A glob such as `prof/*.cpuprofile` hands over more than one file: only a number counts as the row count.
const asked = Number(process.argv[3]);
const rows = Number.isInteger(asked) ? Math.min(500, Math.max(1, asked)) : 40;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const where = (url: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const local = /\/(host|plugin|bench)\/(.*)$/.exec(url);
  return local ? `${local[1]}/${local[2]}` : url || '(native)';
};
const fns = new Map<string, number>();
const places = new Map<string, number>();
let total = 0;
for (const [id, us] of selfUs) {
  const f = byId.get(id)!.callFrame;
  total += us;
  const place = where(f.url);
  const key = `${f.functionName || '(anonymous)'}  ${place}:${f.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const pkg = place.replace(/:.*$/, '').replace(/^(host|plugin)\/([^/]+)\/.*$/, '$1/$2');
  places.set(pkg, (places.get(pkg) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log('self time per function:');
for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`  ${pct(us)}  ${k}`);
console.log('self time per package / folder:');
for (const [k, us] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(us)}  ${k}`);

// `CALLERS_OF=name`: whose code (the nearest host/ or plugin/ frame up the stack) the self time of
// functions with that name is spent for.
const callersOf = process.env.CALLERS_OF;
if (callersOf) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes as (ProfileNode & { children?: number[] })[])
    for (const c of n.children ?? []) parent.set(c, n.id);
  const by = new Map<string, number>();
  let sum = 0;
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName !== callersOf) continue;
    sum += us;
    const chain: string[] = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 3; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      if (/\/(host|plugin)\//.test(f.url)) chain.push(`${f.functionName || '(anonymous)'} ${where(f.url)}`);
    }
    const key = chain.join(' < ') || '(no host frame)';
    by.set(key, (by.get(key) ?? 0) + us);
  }
  console.log(`callers of ${callersOf} (${pct(sum)} of the sampled time):`);
  for (const [k, us] of [...by].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`  ${pct(us)}  ${k}`);
}
