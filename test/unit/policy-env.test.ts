import { describe, expect, it } from 'vitest';
import { parsePolicyText, type PolicyError } from '../../lib/policy';

/** Channels of every type; `use` is the alerts list of the one (enabled) policy. */
function withChannels(use: string, enabled = true) {
  return `version: 1
alerts:
  ops-wecom: { type: wecom, url: '\${env:WECOM_WEBHOOK_URL}' }
  ops-dingtalk: { type: dingtalk, url: '\${env:DINGTALK_WEBHOOK_URL}', secret: '\${env:DINGTALK_SECRET}' }
  ops-hook: { type: webhook, url: '\${env:HOOK_URL}', headers: { X-Token: '\${env:HOOK_TOKEN}' } }
policies:
  - name: nightly-disks
    kind: cbs-disk
    enabled: ${enabled}
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { ids: [disk-0001] }
    retention: { keepLast: 7 }
    alerts: ${use}
`;
}

function issues(text: string, env: Record<string, string>) {
  try {
    parsePolicyText(text, env, 'env.yaml');
  } catch (error) {
    return (error as PolicyError).issues;
  }
  return [];
}

describe('${env:NAME} references', () => {
  it('resolves the channels in use from the env passed in', () => {
    const env = {
      WECOM_WEBHOOK_URL: 'https://qyapi.example/send?key=k',
      HOOK_URL: 'https://hook.example/',
      HOOK_TOKEN: 't0k',
    };
    const file = parsePolicyText(withChannels('[ops-wecom, ops-hook]'), env, 'env.yaml');
    expect(file.alerts['ops-wecom']).toEqual({ type: 'wecom', url: 'https://qyapi.example/send?key=k' });
    expect(file.alerts['ops-hook']).toEqual({
      type: 'webhook',
      url: 'https://hook.example/',
      headers: { 'X-Token': 't0k' },
    });
  });

  it('does not need the variables of channels no enabled policy uses', () => {
    expect(issues(withChannels('[]'), {})).toEqual([]);
    expect(issues(withChannels('[ops-wecom]', false), {})).toEqual([]);
  });

  it('names each unset variable of a channel in use at its field', () => {
    expect(
      issues(withChannels('[ops-wecom, ops-dingtalk]'), { DINGTALK_WEBHOOK_URL: 'https://ding.example/' }),
    ).toEqual([
      { path: 'alerts.ops-wecom.url', message: 'environment variable WECOM_WEBHOOK_URL is not set' },
      { path: 'alerts.ops-dingtalk.secret', message: 'environment variable DINGTALK_SECRET is not set' },
    ]);
  });

  it('counts channels from defaults.alerts, and an empty variable as unset', () => {
    const text = withChannels('[]')
      .replace('alerts: []', '')
      .replace('version: 1\n', 'version: 1\ndefaults: { alerts: [ops-wecom] }\n');
    expect(issues(text, { WECOM_WEBHOOK_URL: '' })).toEqual([
      { path: 'alerts.ops-wecom.url', message: 'environment variable WECOM_WEBHOOK_URL is not set' },
    ]);
  });

  it('rejects a variable that is not a URL without echoing it', () => {
    const [issue] = issues(withChannels('[ops-wecom]'), { WECOM_WEBHOOK_URL: 'key-s3cr3t' });
    expect(issue).toEqual({
      path: 'alerts.ops-wecom.url',
      message: 'environment variable WECOM_WEBHOOK_URL is not an http(s) URL',
    });
  });

  it('rejects plain-text URLs, secrets and headers, even in unused channels, without echoing them', () => {
    const text = `version: 1
alerts:
  a: { type: slack, url: 'https://hooks.slack.example/T000/s3cr3t' }
  b: { type: feishu, url: '\${env:FEISHU_URL}', secret: s3cr3t }
  c: { type: webhook, url: 'prefix-\${env:HOOK_URL}', headers: { Authorization: 'Bearer s3cr3t' } }
policies:
  - { name: p1, kind: cbs-disk, schedule: '0 0 2 * * * *', regions: [ap-guangzhou], select: { all: true }, retention: { keepLast: 1 } }
`;
    const found = issues(text, {});
    expect(found.map((i) => i.path)).toEqual([
      'alerts.a.url',
      'alerts.b.secret',
      'alerts.c.url',
      'alerts.c.headers.Authorization',
    ]);
    for (const issue of found)
      expect(issue.message).toMatch(/must be exactly an environment reference, \$\{env:NAME\}/);
    expect(JSON.stringify(found)).not.toContain('s3cr3t');
  });

  it('interpolates references elsewhere, and names an unset one there once', () => {
    const text = withChannels('[]').replace('regions: [ap-guangzhou]', "regions: ['${env:REGION}']");
    expect(parsePolicyText(text, { REGION: 'ap-beijing' }, 'env.yaml').policies[0]).toMatchObject({
      regions: ['ap-beijing'],
    });
    expect(issues(text, {})).toEqual([
      {
        path: 'policies[0].regions[0]',
        message: 'environment variable REGION is not set (policy nightly-disks)',
      },
    ]);
  });

  it('rejects an unknown channel type and an undefined channel, suggesting a name', () => {
    const text = withChannels('[ops-wecon]').replace('type: wecom', 'type: wechat');
    expect(issues(text, {})).toEqual([
      {
        path: 'alerts.ops-wecom.type',
        message: expect.stringMatching(/unknown type `wechat`.*valid: wecom, dingtalk/),
      },
      {
        path: 'policies[0].alerts[0]',
        message: expect.stringMatching(/no alert channel `ops-wecon`.*did you mean `ops-wecom`/),
      },
    ]);
  });
});

describe('a value that came from ${env:…} in a validation error', () => {
  const CANARY = 'CANARY-c0ffee-Asia/Shanghaj';
  /** Every field a rule quotes the value of, each fed from the environment. */
  const text = `version: 1
defaults:
  timezone: '\${env:HUAWEICLOUD_SDK_SK}'
policies:
  - name: nightly-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * \${env:TENCENTCLOUD_SESSIONTOKEN}'
    regions: ['\${env:TENCENTCLOUD_SECRETKEY}', 'x-\${env:TENCENTCLOUD_SECRETID}']
    select: { ids: ['\${env:BACKUP_WEBHOOK_SECRET}'], exclude: ['\${env:BACKUP_WEBHOOK_SECRET}'] }
    retention: { keepLast: 7, maxAge: '\${env:HUAWEICLOUD_SDK_AK}' }
`;
  const env = Object.fromEntries(
    [
      'HUAWEICLOUD_SDK_SK',
      'TENCENTCLOUD_SESSIONTOKEN',
      'TENCENTCLOUD_SECRETKEY',
      'TENCENTCLOUD_SECRETID',
      'BACKUP_WEBHOOK_SECRET',
      'HUAWEICLOUD_SDK_AK',
    ].map((name) => [name, `${CANARY}-${name}`]),
  );

  it('is never echoed, in whole or in part: the message shows the reference as written', () => {
    const found = issues(text, env);
    const messages = found.map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const message of messages) {
      expect(message).not.toContain('CANARY');
      expect(message).not.toContain('c0ffee');
      expect(message).not.toContain('did you mean');
    }
    expect(messages).toContain(
      'policies[0].regions[0]: `${env:TENCENTCLOUD_SECRETKEY}` is not a Tencent Cloud region name (like ap-guangzhou) (policy nightly-disks)',
    );
    expect(messages).toContain(
      'policies[0].regions[1]: `x-${env:TENCENTCLOUD_SECRETID}` is not a Tencent Cloud region name (like ap-guangzhou) (policy nightly-disks)',
    );
    expect(messages.find((m) => m.startsWith('defaults.timezone'))).toContain('`${env:HUAWEICLOUD_SDK_SK}`');
    expect(messages.find((m) => m.startsWith('policies[0].schedule'))).toBeDefined();
  });

  it('still quotes a value written in the file itself', () => {
    const found = issues(text.replace("'${env:TENCENTCLOUD_SECRETKEY}'", 'ap_guangzhou'), env);
    expect(found.map((issue) => issue.message)).toContain(
      '`ap_guangzhou` is not a Tencent Cloud region name (like ap-guangzhou) (policy nightly-disks)',
    );
  });
});
