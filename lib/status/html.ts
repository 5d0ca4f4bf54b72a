/**
 * `scf-backup status --html FILE`: one self-contained page (inline CSS, no scripts, no external
 * assets). The summary comes first; then per policy a coverage grid, resources down (the worst
 * first, so a fleet's problems sit at the top) and the policy's last slots across.
 */
import type { Verdict } from '../protection/verdict';
import type { StatusPolicy, StatusReport, StatusResource } from './collect';
import { ensures } from './kind-mode';

const CELL_CLASS = {
  available: 'ok',
  creating: 'creating',
  failed: 'failed',
  other: 'failed',
  missing: 'missing',
} as const;
const CELL_TITLE = {
  ok: 'backed up',
  creating: 'in progress',
  failed: 'failed',
  missing: 'missing',
} as const;
const SEVERITY: Record<Verdict, number> = {
  failed: 0,
  missing: 0,
  never: 1,
  stale: 2,
  creating: 3,
  fresh: 4,
  present: 4,
};

const STYLE = `
body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:24px 0 4px}
.summary{display:flex;gap:8px;flex-wrap:wrap;margin:8px 0 16px}
.count{padding:8px 14px;border-radius:6px;color:#fff;min-width:70px;text-align:center}
.count b{display:block;font-size:22px}
.v-fresh,.v-present{background:#1a7f37}.v-stale{background:#bf8700}.v-never,.v-missing{background:#57606a}
.v-failed{background:#cf222e}.v-creating{background:#0969da}
.meta{color:#57606a}
table.grid{border-collapse:collapse;font-size:11px}
.grid td,.grid th{padding:0 6px 0 0;white-space:nowrap;text-align:left;height:13px}
.grid th.slot{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;color:#57606a;padding:2px 0;height:auto;vertical-align:bottom}
td.cell{width:12px;padding:0;border:1px solid #fff}
td.ok{background:#2da44e}td.failed{background:#cf222e}td.missing{background:#d0d7de}td.creating{background:#54aeff}
.badge{color:#fff;border-radius:3px;padding:0 4px}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
`;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function counts(totals: Record<string, number>, id: string): string {
  const items = Object.entries(totals)
    .filter(([verdict, n]) => n > 0 || ['fresh', 'stale', 'never', 'failed'].includes(verdict))
    .map(
      ([verdict, n]) =>
        `<div class="count v-${verdict}" data-verdict="${verdict}"><b>${n}</b>${verdict}</div>`,
    );
  return `<div class="summary" id="${id}">${items.join('')}</div>`;
}

function row(r: StatusResource): string {
  const cells = (r.cells ?? [])
    .map((state) => {
      const cls = CELL_CLASS[state];
      return `<td class="cell ${cls}" title="${CELL_TITLE[cls]}"></td>`;
    })
    .join('');
  const last = r.lastGood ? `${escape(r.lastGood.slot)}` : '—';
  return (
    `<tr class="resource" data-verdict="${r.verdict}"><td>${escape(r.resourceId)}</td><td>${escape(r.region)}</td>` +
    `<td><span class="badge v-${r.verdict}">${r.verdict}</span></td>${cells}<td class="meta">${last}${r.state ? ` ${escape(r.state)}` : ''}</td></tr>`
  );
}

function section(policy: StatusPolicy, index: number): string {
  const totals: Record<string, number> = {};
  for (const r of policy.resources) totals[r.verdict] = (totals[r.verdict] ?? 0) + 1;
  const sorted = [...policy.resources].sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict]);
  // Short labels (MM-DD, with the time when slots fall at different times of day); the full slot on hover.
  const sameTime = new Set(policy.slots.map((s) => s.slice(11))).size <= 1;
  const label = (s: string) => (sameTime ? s.slice(5, 10) : `${s.slice(5, 10)} ${s.slice(11, 16)}`);
  const slots = policy.slots.map((s) => `<th class="slot" title="${escape(s)}">${escape(label(s))}</th>`);
  const grid = ensures(policy.kind) ? [] : slots;
  const error = policy.error
    ? `<p class="v-failed count">could not be checked: ${escape(`${policy.error.code}: ${policy.error.message}`)}</p>`
    : '';
  return (
    `<section class="policy" data-policy="${escape(policy.name)}"><h2>${escape(policy.name)} <span class="meta">${escape(policy.kind)}` +
    `${ensures(policy.kind) ? '' : ` · fresh within ${Math.round(policy.freshnessSeconds / 3600)} h`}` +
    ` · next slot ${escape(policy.nextSlot ?? 'none')}</span></h2>${counts(totals, `summary-${index}`)}${error}` +
    `<table class="grid"><thead><tr><th>resource</th><th>region</th><th>verdict</th>${grid.join('')}<th>newest good</th></tr></thead>` +
    `<tbody>${sorted.map(row).join('')}</tbody></table></section>`
  );
}

export function renderStatusHtml(report: StatusReport): string {
  const legend = Object.entries(CELL_TITLE)
    .map(([cls, title]) => `<span><i class="${cls}"></i>${title}</span>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scf-backup status ${escape(report.generatedAt)}</title>
<style>${STYLE}i.ok{background:#2da44e}i.failed{background:#cf222e}i.missing{background:#d0d7de}i.creating{background:#54aeff}</style></head>
<body><h1>Backup protection <span class="meta">as of ${escape(report.generatedAt)}</span></h1>
${counts(report.totals, 'summary')}
<p class="legend">${legend}</p>
${report.policies.map(section).join('\n')}
</body></html>
`;
}
