/**
 * Hostile HTTP input against the BUILT disk-backup function, run as SCF runs it (a child process
 * per container, see bundles.ts): a body of several megabytes, malformed platform events, a body
 * with a key twice, a request refused before the policy is even read, and a replay that reaches a
 * new container after a slot boundary. Each is answered without starting any work that was not
 * asked for: the simulator's stats show what reached a cloud API.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { RunReport } from '../../lib/engine/types';
import { buildE2eBundles, httpResponseOf, invoke, type BuiltFunctions, type Invocation } from './bundles';
import { httpEvent, rawHttpEvent } from './events';
import { openScenario, type Scenario, type ScenarioOptions } from './scenario';

let built: BuiltFunctions;
beforeAll(async () => {
  built = await buildE2eBundles();
});
afterAll(() => built?.remove());

const open: Scenario[] = [];
afterAll(async () => {
  await Promise.all(open.map((scenario) => scenario.close()));
});

async function scenario(options?: ScenarioOptions): Promise<Scenario> {
  const opened = await openScenario(options);
  open.push(opened);
  return opened;
}

/** A variant of the built policy.json, in its own directory; the function reads it via $SCF_BACKUP_POLICY. */
function policyVariant(change: (policy: Record<string, unknown>) => unknown): string {
  const dir = mkdtempSync(join(built.outdir, 'policy-'));
  const path = join(dir, 'policy.json');
  const copy = JSON.parse(JSON.stringify(built.policy)) as Record<string, unknown>;
  const changed = change(copy);
  writeFileSync(path, typeof changed === 'string' ? changed : JSON.stringify(changed ?? copy));
  return path;
}

const statuses = (run: Invocation) => run.results.map((_, i) => httpResponseOf(run, i).statusCode);
const messages = (run: Invocation) => run.logs.map((line) => line.message);

/** The body of `size` bytes, base64-encoded and flagged so, as the API gateway delivered binary bodies. */
function base64Event(secret: string, size: number) {
  const raw = Buffer.alloc(size, '{');
  return { ...rawHttpEvent(secret, 'x', new Date()), body: raw.toString('base64'), isBase64Encoded: true };
}

describe.concurrent('the built function under hostile HTTP input', () => {
  it('answers a ~4.3 MiB base64 body with 413 (401 with the trigger off), without crashing or starting anything', async ({
    expect,
  }) => {
    const world = await scenario();
    const off = await scenario({ noWebhookSecret: true });
    const huge = base64Event(world.secrets.webhookSecret, 3.2 * 1024 * 1024);
    expect(huge.body.length).toBeGreaterThan(4.25 * 1024 * 1024);
    const plain = rawHttpEvent(world.secrets.webhookSecret, 'x'.repeat(4.3 * 1024 * 1024), new Date());
    const [on, disabled] = await Promise.all([
      invoke(built, 'disk-backup', [huge, plain], { env: world.env }),
      invoke(built, 'disk-backup', [huge], { env: off.env }),
    ]);
    expect(statuses(on)).toEqual([413, 413]);
    expect(httpResponseOf(on, 0).json).toMatchObject({ reason: 'too-large' });
    expect(httpResponseOf(disabled, 0)).toMatchObject({ statusCode: 401, json: { reason: 'disabled' } });
    expect(await world.stats()).toEqual({});
    expect(await off.stats()).toEqual({});
  });

  it('answers malformed platform events with 400 and starts nothing', async ({ expect }) => {
    const world = await scenario();
    const secret = world.secrets.webhookSecret;
    const good = httpEvent(secret, {}, new Date());
    const { httpMethod: _method, ...noMethod } = good;
    const malformed = [
      { ...good, isBase64Encoded: true, body: 'not base64!' },
      { ...good, isBase64Encoded: true, body: 'e30' + '='.repeat(3) },
      { ...good, body: { policies: ['nightly-disks'] } },
      { ...good, body: 42 },
      noMethod,
      { ...good, httpMethod: 7 },
      { ...good, headers: ['x-scf-backup-signature'] },
      { ...good, isBase64Encoded: 'yes' },
      { requestContext: 'gateway', body: '{}' },
    ];
    const run = await invoke(built, 'disk-backup', malformed, { env: world.env });
    expect(run.results.every((result) => result.ok)).toBe(true);
    expect(statuses(run)).toEqual(malformed.map(() => 400));
    for (let i = 0; i < malformed.length; i++) {
      expect(httpResponseOf(run, i).json).toMatchObject({ reason: 'bad-event', error: expect.any(String) });
    }
    expect(messages(run)).not.toContain('run started');
    expect(await world.stats()).toEqual({});
  });

  it('refuses a signed body with a key twice ({"dryRun":true,"dryRun":false}) with 400, before any cloud API', async ({
    expect,
  }) => {
    const world = await scenario();
    const run = await invoke(
      built,
      'disk-backup',
      [rawHttpEvent(world.secrets.webhookSecret, '{"dryRun":true,"dryRun":false}', new Date())],
      { env: world.env },
    );
    expect(httpResponseOf(run, 0)).toMatchObject({ statusCode: 400, json: { reason: 'bad-body' } });
    expect(httpResponseOf(run, 0).json.error).toContain('"dryRun" appears twice');
    expect(await world.stats()).toEqual({});
  });

  it('checks the signature before it reads the policy: an unsigned request to a function with a broken policy.json gets 401', async ({
    expect,
  }) => {
    const world = await scenario();
    const env = { ...world.env, SCF_BACKUP_POLICY: policyVariant(() => '{"version": 1, "policies": [') };
    const run = await invoke(
      built,
      'disk-backup',
      [httpEvent(undefined, {}, new Date()), httpEvent(`${world.secrets.webhookSecret}-not`, {}, new Date())],
      { env },
    );
    expect(statuses(run)).toEqual([401, 401]);
    // The same function, signed: now the policy is read, and its problem named.
    const signed = await invoke(
      built,
      'disk-backup',
      [httpEvent(world.secrets.webhookSecret, {}, new Date())],
      {
        env,
      },
    );
    const [result] = signed.results;
    expect(result?.ok === false && result.error.message).toContain(
      `${env.SCF_BACKUP_POLICY}: (json): is not valid JSON`,
    );
    expect(await world.stats()).toEqual({});
  });

  it('plans a replay in a new container as of the signed t: after a slot boundary it finds the slot done', async ({
    expect,
  }) => {
    const world = await scenario();
    // A slot every 5 seconds, so a boundary passes between the two containers within the test.
    const env = {
      ...world.env,
      SCF_BACKUP_POLICY: policyVariant((policy) => {
        const [disks] = policy.policies as Array<Record<string, unknown>>;
        disks!.schedule = '*/5 * * * * * *';
      }),
    };
    const signedAt = new Date();
    const request = httpEvent(world.secrets.webhookSecret, { policies: ['nightly-disks'] }, signedAt);
    const original = await invoke(built, 'disk-backup', [request], { env });
    const first = httpResponseOf(original, 0).json as unknown as RunReport;
    expect(first.totals).toMatchObject({ created: 3, failed: 0 });

    // Past the next 5 s boundary (on the clock the containers read), well inside the 300 s window.
    const nextSlotMs = (Math.floor(signedAt.getTime() / 5000) + 1) * 5000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextSlotMs - Date.now()) + 200));
    const replayed = await invoke(built, 'disk-backup', [request], { env });
    const second = httpResponseOf(replayed, 0).json as unknown as RunReport;
    expect(second.policies[0]?.slot).toBe(first.policies[0]?.slot);
    expect(second.totals).toMatchObject({ created: 0, skipped: 3, failed: 0 });
    expect((await world.stats())['cbs.CreateDiskBackup']?.calls).toBe(3);
  });
});
