// Summarises V8 CPU profiles of lint runs (node --cpu-prof … bench/lint-run.mjs), so that the plugin's cost can be
// read as more than its own frames: time in TypeScript that a plugin frame asked for is charged to that frame.
//
// Usage: node bench/profile-summary.mjs <B.cpuprofile> [<E.cpuprofile>] [--plugin=<path part>] [--top=<n>] [--by=samples]
//   --plugin  a part of the plugin's file URLs (default: /dist/, which matches this repository's build and any
//             scratch build named dist*)
//   --top     rows in each table (default 20)
//   --by      time (default): each sample weighs the interval before it; samples: each weighs the median interval.
//             On a loaded machine a descheduled process's next sample carries the whole gap (tens of ms) to whatever
//             frame it lands in; counting samples keeps those gaps from piling onto one function.
// With two profiles it also prints, for every module group and for the functions outside the plugin, self time in
// the first minus self time in the second (B − E): what the plugin costs beyond its own frames.
import fs from 'node:fs';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const pluginPart = option('plugin', '/dist/');
const top = Number(option('top', '20'));
const by = option('by', 'time');
if (files.length < 1 || files.length > 2 || !Number.isInteger(top) || top < 1 || !['time', 'samples'].includes(by)) {
  console.error('usage: node bench/profile-summary.mjs <B.cpuprofile> [<E.cpuprofile>] [--plugin=<path part>] [--top=<n>] [--by=time|samples]');
  process.exit(2);
}

/** Which code a frame belongs to, by its script URL (plugin first: a scratch build may sit under node_modules' parent). */
function groupOf(node) {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  if (url.includes(pluginPart) && !url.includes('/node_modules/')) return 'plugin';
  if (url.includes('/node_modules/typescript/')) return 'typescript';
  if (url.includes('/node_modules/@typescript-eslint/typescript-estree/')) return 'ts-estree';
  if (url.includes('/node_modules/@typescript-eslint/')) return 'typescript-eslint (other)';
  if (url.includes('/node_modules/eslint/')) return 'eslint';
  if (url.includes('/node_modules/esquery/')) return 'esquery';
  if (url.includes('/node_modules/')) return `other (${url.split('/node_modules/').pop().split('/')[0]})`;
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

function label(node) {
  const { url, functionName, lineNumber } = node.callFrame;
  const file = url ? url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(dist[^/]*)\//, '$1/') : '';
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function load(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node id, from the sample intervals (microseconds).
  const self = new Map();
  const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] ?? 0;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (by === 'samples' ? median : (profile.timeDeltas[i] ?? 0))));
  let total = 0;
  const groups = new Map();
  const functions = new Map();
  // Plugin attribution: a sample with a plugin frame on its stack is charged to the innermost plugin frame (what the
  // plugin asked for) and to the outermost one in a rule file (which rule asked).
  const byPluginFrame = new Map();
  const byRule = new Map();
  const underPlugin = new Map();
  let pluginInclusive = 0;
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  for (const [id, us] of self) {
    total += us;
    const node = byId.get(id);
    const group = groupOf(node);
    add(groups, group, us);
    add(functions, `${group}\t${label(node)}`, us);
    let innermost = null;
    let rule = null;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (groupOf(frame) !== 'plugin') continue;
      innermost ??= frame;
      const m = /\/rules\/([a-z0-9-]+)\.js$/.exec(frame.callFrame.url);
      if (m) rule = m[1];
    }
    if (innermost) {
      pluginInclusive += us;
      add(byPluginFrame, label(innermost), us);
      add(byRule, rule ?? '(no rule frame)', us);
      add(underPlugin, group === 'plugin' ? 'plugin (own)' : group, us);
    }
  }
  return { total, groups, functions, byPluginFrame, byRule, underPlugin, pluginInclusive, gc: groups.get('(garbage collector)') ?? 0 };
}

const ms = (us) => (us / 1000).toFixed(0).padStart(7);
const pct = (us, total) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
function table(title, map, total, n = top) {
  console.log(`\n${title}`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${ms(v)} ms ${pct(v, total)}  ${k}`);
}

const first = load(files[0]);
console.log(`${files[0]}: ${ms(first.total)} ms sampled, plugin inclusive (own frames + what they called) ${ms(first.pluginInclusive)} ms ${pct(first.pluginInclusive, first.total)}, GC ${ms(first.gc)} ms`);
table('Self time by group', first.groups, first.total);
table('Under plugin frames, by group (TypeScript here is checker work the plugin asked for)', first.underPlugin, first.total);
table('Under plugin frames, by rule', first.byRule, first.total);
table('Under plugin frames, by innermost plugin function', first.byPluginFrame, first.total);
if (files.length === 2) {
  const second = load(files[1]);
  console.log(`\n${files[1]}: ${ms(second.total)} ms sampled, GC ${ms(second.gc)} ms; difference ${ms(first.total - second.total)} ms`);
  const diff = (a, b) => new Map([...new Set([...a.keys(), ...b.keys()])].map((k) => [k, (a.get(k) ?? 0) - (b.get(k) ?? 0)]));
  table('Self time by group, first − second', diff(first.groups, second.groups), first.total);
  const outside = new Map([...diff(first.functions, second.functions)].filter(([k]) => !k.startsWith('plugin\t')));
  table('Functions outside the plugin, self time first − second (largest increases)', outside, first.total);
}
