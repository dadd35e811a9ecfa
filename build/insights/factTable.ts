// The editors' view of the fact catalogue: an aligned table (name, value as the default format
// renders it, meaning) or JSON. Values are shown as plain text: this is a terminal, not a page.
import type { FactCatalogue } from './catalogue.ts';
import { formatPlain } from './format.ts';
import { maxOf } from '../util/numbers.ts';

export function factTable(facts: FactCatalogue, withAbsent = false): string {
  const rows: [string, string, string][] = facts.list().map((f) => [f.name, formatPlain(f, null), f.chart ? `${f.meaning} [chart: ${f.chart}]` : f.meaning]);
  if (withAbsent) for (const a of [...facts.absent.values()]) rows.push([a.name, '—', `${a.meaning} [absent: ${a.reason}]`]);
  const w0 = maxOf(rows.map((r) => r[0].length), 4);
  const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
  const w1 = maxOf(rows.map((r) => clip(r[1]).length), 5);
  const line = (r: [string, string, string]) => `${r[0].padEnd(w0)}  ${clip(r[1]).padEnd(w1)}  ${r[2]}`.trimEnd();
  const head = line(['name', 'value', 'meaning']);
  return `${[head, '-'.repeat(head.length), ...rows.map(line)].join('\n')}\n${facts.facts.size} facts${withAbsent ? `, ${facts.absent.size} absent` : facts.absent.size ? ` (${facts.absent.size} absent for this data: --absent lists them)` : ''}\n`;
}

export function factsJson(facts: FactCatalogue, withAbsent = false): string {
  const out: Record<string, unknown> = {
    facts: facts.list().map((f) => ({ ...f, formatted: formatPlain(f, null) })),
    capabilities: [...facts.capabilities].sort(),
  };
  if (withAbsent) out.absent = [...facts.absent.values()];
  return `${JSON.stringify(out, null, 2)}\n`;
}
