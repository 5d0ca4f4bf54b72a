import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyReport, RunReport, TargetReport } from '../../lib/engine/types';
import { deliverAlerts, type DeliverAlertsOptions } from '../../lib/alerts/deliver';
import { AlertDeliveryError } from '../../lib/alerts/errors';
import { formatAlert } from '../../lib/alerts/format';
import { createChannelPacer } from '../../lib/alerts/pacing';
import { redactSecrets, redactUrl } from '../../lib/alerts/redact';
import type { AlertChannel, AlertLogger } from '../../lib/alerts/types';
import { httpRequest } from '../../lib/http/request';
import type { HttpTransport } from '../../lib/http/types';
import { type Received, startReceivers, unreachableBase } from './alert-receivers';

// Recognizable secrets: the last test looks for every one of them in everything we emit.
const S = {
  wecomKey: 'WECOMKEY-SECRET-1111',
  dingToken: 'DINGTOKEN-SECRET-2222',
  dingSecret: 'SECdingsecret-3333',
  feishuToken: 'FEISHUHOOK-SECRET-4444',
  feishuSecret: 'feishu-sign-secret-5555',
  slackToken: 'SLACKTOKEN-SECRET-6666',
  webhookSecret: 'WEBHOOK-SIGN-SECRET-7777',
  webhookBearer: 'WEBHOOK-BEARER-8888',
} as const;

function failed(i: number, message = 'The disk is busy with another backup.'): TargetReport {
  return {
    provider: 'tencent',
    region: 'ap-guangzhou',
    resourceId: `disk-${String(i).padStart(4, '0')}`,
    action: 'create',
    outcome: 'failed',
    error: { code: 'InvalidDisk.Busy', message, requestId: `req-${i}` },
  };
}

function policy(name: string, targets: TargetReport[], extra: Partial<PolicyReport> = {}): PolicyReport {
  return { name, kind: 'cbs-disk', slot: '2026-11-24T18:00:00Z', targets, ...extra };
}

function report(policies: PolicyReport[]): RunReport {
  return {
    runId: 'run-20261124-0001',
    trigger: 'timer',
    dryRun: false,
    startedAt: '2026-11-24T18:00:01Z',
    finishedAt: '2026-11-24T18:03:12Z',
    status: 'partial',
    policies,
    totals: { created: 1, skipped: 0, pruned: 0, failed: 2, stale: 0, never: 0 },
  };
}

const done: TargetReport = {
  provider: 'tencent',
  region: 'ap-guangzhou',
  resourceId: 'disk-ok',
  action: 'create',
  outcome: 'done',
};
const failingReport = report([policy('nightly-disks', [done, failed(1), failed(2)])]);

function collectingLogger() {
  const lines: string[] = [];
  const logger: AlertLogger = {
    info: (message, fields) => lines.push(JSON.stringify({ level: 'info', message, ...fields })),
    warn: (message, fields) => lines.push(JSON.stringify({ level: 'warn', message, ...fields })),
  };
  return { lines, logger };
}

/**
 * Virtual time. A sleeper wakes in a later macrotask, earliest first, and the clock jumps to its
 * wake time: concurrent sleepers see a consistent timeline, and whatever a woken task does before
 * its next real await (build, sign, hand to the transport) happens at its wake time.
 */
let nowMs: number;
const clock = () => nowMs;
const sleeps: number[] = [];
const sleepers: Array<{ wakeMs: number; resolve: () => void }> = [];
function wakeNext() {
  const next = sleepers.shift();
  if (!next) return;
  nowMs = Math.max(nowMs, next.wakeMs);
  next.resolve();
}
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    sleeps.push(ms);
    sleepers.push({ wakeMs: nowMs + ms, resolve });
    sleepers.sort((a, b) => a.wakeMs - b.wakeMs);
    setImmediate(wakeNext);
  });

/** The real transport, noting the virtual time each request is handed over. */
const sentAt: Array<{ url: string; atMs: number }> = [];
const transport: HttpTransport = (request) => {
  sentAt.push({ url: String(request.url), atMs: clock() });
  return httpRequest(request);
};

let receivers: Awaited<ReturnType<typeof startReceivers>>;
let channels: Record<string, AlertChannel>;

beforeEach(async () => {
  nowMs = Date.now();
  sleeps.length = 0;
  sentAt.length = 0;
  receivers = await startReceivers({
    clock,
    dingtalkSecret: S.dingSecret,
    feishuSecret: S.feishuSecret,
    webhookSecret: S.webhookSecret,
  });
  const base = receivers.base;
  channels = {
    wecom: { type: 'wecom', url: `${base}/cgi-bin/webhook/send?key=${S.wecomKey}` },
    dingtalk: {
      type: 'dingtalk',
      url: `${base}/robot/send?access_token=${S.dingToken}`,
      secret: S.dingSecret,
    },
    feishu: { type: 'feishu', url: `${base}/open-apis/bot/v2/hook/${S.feishuToken}`, secret: S.feishuSecret },
    slack: { type: 'slack', url: `${base}/services/T0000/B0000/${S.slackToken}` },
    webhook: {
      type: 'webhook',
      url: `${base}/hooks/scf-backup`,
      secret: S.webhookSecret,
      headers: { Authorization: `Bearer ${S.webhookBearer}` },
    },
  };
});

afterEach(async () => {
  await receivers.close();
});

function deliver(overrides: Partial<DeliverAlertsOptions> = {}) {
  return deliverAlerts({
    report: failingReport,
    channels,
    policyChannels: { 'nightly-disks': Object.keys(channels) },
    clock,
    sleep,
    transport,
    logger: collectingLogger().logger,
    ...overrides,
  });
}

describe('deliverAlerts: the channels', () => {
  it('delivers one message to each channel, signed as each service verifies it', async () => {
    const results = await deliver();
    expect(results).toEqual(
      ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'].map((name) => ({
        channel: name,
        type: name,
        ok: true,
        attempts: 1,
      })),
    );
    for (const service of ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const) {
      expect(receivers.of(service)).toHaveLength(1);
    }
    const [wecom] = receivers.of('wecom') as [Received];
    expect(wecom.json).toMatchObject({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('disk-0001') },
    });
    const [ding] = receivers.of('dingtalk') as [Received];
    expect(ding.json).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: 'scf-backup: 2 failures in run run-20261124-0001' },
    });
    const [feishu] = receivers.of('feishu') as [Received];
    expect(feishu.json).toMatchObject({ msg_type: 'text', timestamp: String(Math.floor(nowMs / 1000)) });
    const [hook] = receivers.of('webhook') as [Received];
    expect(hook.headers.authorization).toBe(`Bearer ${S.webhookBearer}`);
    expect(hook.json).toMatchObject({
      source: 'scf-backup',
      runId: 'run-20261124-0001',
      failureCount: 2,
      omittedFailures: 0,
    });
  });

  it('puts run id, trigger, status, counts and each failure with region, code and request id in the text', async () => {
    await deliver({ policyChannels: { 'nightly-disks': ['feishu'] } });
    const text = ((receivers.of('feishu')[0] as Received).json as { content: { text: string } }).content.text;
    expect(text.split('\n')).toEqual([
      'scf-backup: 2 failures in run run-20261124-0001',
      'trigger timer, status partial',
      'started 2026-11-24T18:00:01Z, finished 2026-11-24T18:03:12Z',
      'nightly-disks (cbs-disk, slot 2026-11-24T18:00:00Z): created 1, pruned 0, skipped 0, failed 2',
      '- create disk-0001 [tencent ap-guangzhou]: InvalidDisk.Busy: The disk is busy with another backup. (request id req-1)',
      '- create disk-0002 [tencent ap-guangzhou]: InvalidDisk.Busy: The disk is busy with another backup. (request id req-2)',
    ]);
  });

  it('counts an HTTP 200 carrying an error code as a failure, and does not retry a permanent one', async () => {
    receivers.script('wecom', [{ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' }]);
    const wrongSecret = { ...channels.dingtalk, secret: 'SECnot-the-right-one' } as AlertChannel;
    const results = await deliver({ channels: { ...channels, dingtalk: wrongSecret } });
    expect(results.find((r) => r.channel === 'wecom')).toEqual({
      channel: 'wecom',
      type: 'wecom',
      ok: false,
      attempts: 1,
      error: '93000: invalid webhook url',
    });
    expect(results.find((r) => r.channel === 'dingtalk')).toMatchObject({
      ok: false,
      attempts: 1,
      error: expect.stringContaining('310000: sign not match'),
    });
    expect(results.filter((r) => r.ok)).toHaveLength(3);
  });

  it('treats a Feishu code:19021 as failure and an older StatusCode:0 as success', async () => {
    receivers.script('feishu', [{ status: 200, body: '{"StatusCode":0,"StatusMessage":"success"}' }]);
    expect(await deliver({ policyChannels: { 'nightly-disks': ['feishu', 'slack'] } })).toMatchObject([
      { ok: true },
      { ok: true },
    ]);
    const stale = { ...channels.feishu, secret: 'other' } as AlertChannel;
    const results = await deliver({
      channels: { ...channels, feishu: stale },
      policyChannels: { 'nightly-disks': ['feishu', 'slack'] },
    });
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringContaining('19021') });
  });

  it('URL-encodes a DingTalk signature holding + or / (else DingTalk reads + as a space)', async () => {
    const sign = (ts: number) =>
      createHmac('sha256', S.dingSecret).update(`${ts}\n${S.dingSecret}`).digest('base64');
    let ts = Math.floor(nowMs);
    while (!/[+/]/.test(sign(ts))) ts += 1;
    nowMs = ts;
    expect(await deliver({ policyChannels: { 'nightly-disks': ['dingtalk'] } })).toMatchObject([
      { ok: true },
    ]);
    expect(receivers.of('dingtalk')[0]?.query.get('sign')).toBe(sign(ts));
  });

  it('requires Slack to answer the plain text ok', async () => {
    receivers.script('slack', [{ status: 200, body: '{"ok":true}' }]);
    const results = await deliver({ policyChannels: { 'nightly-disks': ['slack', 'wecom'] } });
    expect(results[0]).toMatchObject({ channel: 'slack', ok: false, attempts: 1 });
  });
});

describe('deliverAlerts: retries', () => {
  it('retries a receiver that fails twice with 500, then succeeds', async () => {
    receivers.script('webhook', [
      { status: 500, body: 'rollup_error' },
      { status: 500, body: 'rollup_error' },
    ]);
    const results = await deliver({ policyChannels: { 'nightly-disks': ['webhook'] } });
    expect(results).toEqual([{ channel: 'webhook', type: 'webhook', ok: true, attempts: 3 }]);
    expect(receivers.of('webhook')).toHaveLength(3);
    // The third answer is the receiver's own verdict: its signature check passed (204).
    expect(
      receivers.of('webhook').every((r) => typeof r.headers['x-scf-backup-signature'] === 'string'),
    ).toBe(true);
  });

  it('retries "too frequent" answers and 429 with Retry-After, a bounded number of times', async () => {
    receivers.script('wecom', [{ status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' }]);
    receivers.script(
      'slack',
      Array.from({ length: 10 }, () => ({
        status: 429,
        body: 'rate_limited',
        headers: { 'retry-after': '7' },
      })),
    );
    const results = await deliver({ policyChannels: { 'nightly-disks': ['wecom', 'slack'] } });
    expect(results).toEqual([
      { channel: 'wecom', type: 'wecom', ok: true, attempts: 2 },
      { channel: 'slack', type: 'slack', ok: false, attempts: 4, error: 'HTTP 429: rate_limited' },
    ]);
    expect(sleeps.filter((ms) => ms >= 7000).length).toBeGreaterThanOrEqual(3);
  });

  it('throws AlertDeliveryError when no channel can be reached', async () => {
    const dead = await unreachableBase();
    const unreachable = Object.fromEntries(
      Object.entries(channels).map(([name, channel]) => [
        name,
        { ...channel, url: channel.url.replace(receivers.base, dead) },
      ]),
    ) as Record<string, AlertChannel>;
    const error = await deliver({ channels: unreachable }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlertDeliveryError);
    const { results, message } = error as AlertDeliveryError;
    expect(results.every((r) => !r.ok && r.attempts === 4)).toBe(true);
    expect(message).toMatch(/^no alert channel could be reached \(5 tried\)/);
    expect(message).toContain('ECONNREFUSED');
  });

  it('throws too when the only channel named is not defined', async () => {
    await expect(deliver({ policyChannels: { 'nightly-disks': ['pager'] } })).rejects.toThrow(
      /"pager" is not defined/,
    );
  });
});

describe('deliverAlerts: nothing to say', () => {
  it('sends nothing when nothing failed', async () => {
    const clean = report([policy('nightly-disks', [done]), policy('weekly-db', [], { reason: 'not due' })]);
    expect(await deliver({ report: clean })).toEqual([]);
    expect(receivers.received).toHaveLength(0);
  });

  it('sends only to channels of failing policies, about those policies only', async () => {
    const mixed = report([policy('ok-policy', [done]), policy('nightly-disks', [failed(1)])]);
    await deliver({ report: mixed, policyChannels: { 'ok-policy': ['wecom'], 'nightly-disks': ['slack'] } });
    expect(receivers.received.map((r) => r.service)).toEqual(['slack']);
    expect(receivers.received[0]?.body.toString()).not.toContain('ok-policy');
  });

  it('alerts a policy that failed as a whole', async () => {
    const broken = report([
      policy('nightly-disks', [], {
        error: { code: 'AuthFailure.SignatureExpire', message: 'expired', requestId: 'req-x' },
      }),
    ]);
    await deliver({ report: broken, policyChannels: { 'nightly-disks': ['slack'] } });
    expect((receivers.received[0]?.json as { text: string }).text).toContain(
      'policy failed: AuthFailure.SignatureExpire: expired (request id req-x)',
    );
  });
});

describe('formatAlert: size limits', () => {
  const many = report([
    policy(
      'nightly-disks',
      Array.from({ length: 500 }, (_, i) => failed(i, '磁盘正在创建备份，请稍后重试。'.repeat(3))),
    ),
  ]);

  it('fits each channel, ending with "… and N more failures", never cutting a character', async () => {
    await deliver({ report: many });
    const texts: Record<string, string> = {
      wecom: (receivers.of('wecom')[0]?.json as { markdown: { content: string } }).markdown.content,
      slack: (receivers.of('slack')[0]?.json as { text: string }).text,
      feishu: (receivers.of('feishu')[0]?.json as { content: { text: string } }).content.text,
    };
    expect(Buffer.byteLength(texts.wecom as string)).toBeLessThanOrEqual(4096);
    expect([...(texts.slack as string)].length).toBeLessThanOrEqual(4000);
    expect((receivers.of('feishu')[0] as Received).body.length).toBeLessThanOrEqual(20_000);
    expect((receivers.of('dingtalk')[0] as Received).body.length).toBeLessThanOrEqual(20_000);
    for (const text of Object.values(texts)) {
      const shown = text.split('\n').filter((line) => line.startsWith('- create')).length;
      expect(text.split('\n').at(-1)).toBe(`… and ${500 - shown} more failures`);
      expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
      expect(text).not.toMatch(/[\uD800-\uDFFF]/);
    }
    const hook = receivers.of('webhook')[0] as Received;
    expect(hook.body.length).toBeLessThanOrEqual(64 * 1024);
    const payload = hook.json as { omittedFailures: number; policies: Array<{ failures: unknown[] }> };
    expect(payload.omittedFailures + (payload.policies[0]?.failures.length ?? 0)).toBe(500);
    expect(payload.omittedFailures).toBeGreaterThan(0);
  });

  it('cuts at a code point even when a single line exceeds the budget', () => {
    const huge = report([policy('nightly-disks', [failed(1, '😀'.repeat(5000))])]);
    const alert = formatAlert(huge, undefined, { flavor: 'plain', maxSize: 301, unit: 'bytes' });
    expect(Buffer.byteLength(alert?.text ?? '')).toBeLessThanOrEqual(301);
    expect(alert?.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('returns nothing to send for a report without failures', () => {
    expect(formatAlert(report([policy('p', [done])]), ['p'])).toBeUndefined();
  });
});

describe('deliverAlerts: pacing', () => {
  it('spaces messages to one robot by its limit (WeCom 20/min = 3 s), across deliveries', async () => {
    const pacer = createChannelPacer({ clock, sleep });
    const sameRobot = Object.fromEntries([1, 2, 3].map((i) => [`ops-${i}`, channels.wecom as AlertChannel]));
    const start = nowMs;
    await deliver({
      channels: sameRobot,
      policyChannels: { 'nightly-disks': Object.keys(sameRobot) },
      pacer,
    });
    await deliver({ channels: sameRobot, policyChannels: { 'nightly-disks': ['ops-1', 'ops-2'] }, pacer });
    expect(receivers.of('wecom')).toHaveLength(5);
    const times = sentAt.map((sent) => sent.atMs);
    expect(times).toHaveLength(5);
    for (let i = 1; i < times.length; i += 1)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(3000);
    expect(nowMs - start).toBeGreaterThanOrEqual(4 * 3000);
  });

  it('does not slow down different robots', async () => {
    const pacer = createChannelPacer({ clock, sleep });
    await deliver({ pacer });
    expect(sleeps).toEqual([]);
  });
});

describe('secrets', () => {
  it('appear in no log line, result, error or message, even when services echo them', async () => {
    const { lines, logger } = collectingLogger();
    // Services that quote the URL back, a report that quotes one, and a dead receiver whose
    // transport error names the hook path.
    receivers.script('wecom', [
      { status: 200, body: JSON.stringify({ errcode: 93000, errmsg: `invalid key ${S.wecomKey}` }) },
    ]);
    receivers.script(
      'slack',
      Array.from({ length: 4 }, () => ({ status: 500, body: `bad hook ${channels.slack?.url}` })),
    );
    receivers.script('webhook', [{ status: 400, body: `denied Bearer ${S.webhookBearer}` }]);
    const dead = await unreachableBase();
    const leaky = report([policy('nightly-disks', [failed(1, `callback ${channels.feishu?.url} refused`)])]);
    const all = {
      ...channels,
      dingtalk: { ...channels.dingtalk, secret: 'SECwrong' } as AlertChannel,
      feishu: {
        ...channels.feishu,
        url: (channels.feishu?.url as string).replace(receivers.base, dead),
      } as AlertChannel,
      dingSigner: {
        type: 'feishu',
        url: `${receivers.base}/open-apis/bot/v2/hook/SIGNER-TOKEN-9999`,
        secret: S.dingSecret,
      } as AlertChannel,
    };
    const error = await deliver({
      report: leaky,
      channels: all,
      logger,
      policyChannels: { 'nightly-disks': Object.keys(all) },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AlertDeliveryError);
    const emitted = [
      ...lines,
      inspect(error, { depth: 10 }),
      (error as Error).stack ?? '',
      JSON.stringify((error as AlertDeliveryError).results),
      ...receivers.received.map((r) => r.body.toString('utf8')),
    ].join('\n');
    for (const secret of Object.values(S)) expect(emitted).not.toContain(secret);
    expect(lines.some((line) => line.includes('[REDACTED]'))).toBe(true);
  });

  it('redacts URLs for logs and any secret from text', () => {
    expect(redactUrl(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${S.wecomKey}`)).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=[REDACTED]',
    );
    expect(redactUrl(`https://open.feishu.cn/open-apis/bot/v2/hook/${S.feishuToken}`)).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/[REDACTED]',
    );
    expect(redactUrl(`https://hooks.slack.com/services/T0/B0/${S.slackToken}`)).toBe(
      'https://hooks.slack.com/services/[REDACTED]',
    );
    expect(redactUrl('https://user:pw@example.com/x/y?token=abc')).toBe(
      'https://example.com/[REDACTED]?token=[REDACTED]',
    );
    expect(
      redactSecrets(`a ${S.dingSecret} b ${encodeURIComponent('p+w/=')}`, [S.dingSecret, 'p+w/=', '']),
    ).toBe('a [REDACTED] b [REDACTED]');
  });
});
