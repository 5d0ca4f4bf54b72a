import { describe, expect, it } from 'vitest';
import type { TencentCaller } from '../../lib/cloud/types';
import type { RunReport, RunRequest } from '../../lib/engine/types';
import { continuationEvent, invokeContinuation, MAX_CONTINUATIONS } from '../../lib/middleware/continuation';

const request: RunRequest = {
  trigger: 'timer',
  policies: ['nightly-disks'],
  dryRun: false,
  force: false,
  now: new Date('2026-11-24T18:00:05Z'),
};
const report = { runId: 'run-1' } as RunReport;
const context = {
  function_name: 'scf-backup-prod-disk-backup',
  tencentcloud_region: 'ap-guangzhou',
  namespace: 'default',
};

function recordingScf() {
  const calls: Array<{
    action: string;
    region?: string;
    params: Record<string, unknown>;
    mutating?: boolean;
  }> = [];
  const scf = {
    call: async (
      _service: string,
      _version: string,
      action: string,
      region: string | undefined,
      params: object,
      options?: { mutating?: boolean },
    ) => {
      calls.push({ action, region, params: params as Record<string, unknown>, mutating: options?.mutating });
      return { RequestId: 'req-1', Result: { FunctionRequestId: 'fn-req-1' } };
    },
  } as unknown as TencentCaller;
  return { scf, calls };
}

describe('continuing a run', () => {
  it('re-invokes the same function asynchronously with the same instant, policies and run id', async () => {
    const { scf, calls } = recordingScf();
    const next = await invokeContinuation(scf, context, {}, request, report);
    expect(next).toEqual({ attempt: 1, requestId: 'fn-req-1' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({ action: 'Invoke', region: 'ap-guangzhou', mutating: true });
    expect(call?.params).toMatchObject({
      FunctionName: 'scf-backup-prod-disk-backup',
      InvocationType: 'Event',
      Namespace: 'default',
    });
    expect(JSON.parse(call?.params.ClientContext as string)).toEqual({
      policies: ['nightly-disks'],
      dryRun: false,
      force: false,
      now: '2026-11-24T18:00:05.000Z',
      continuation: { runId: 'run-1', attempt: 1, trigger: 'timer' },
    });
  });

  it('numbers each continuation from the one before', () => {
    const event = continuationEvent({ ...request, continuation: { runId: 'run-1', attempt: 7 } }, report);
    expect(event.continuation.attempt).toBe(8);
  });

  it(`stops after ${MAX_CONTINUATIONS} continuations instead of invoking itself forever`, async () => {
    const { scf, calls } = recordingScf();
    const last = { ...request, continuation: { runId: 'run-1', attempt: MAX_CONTINUATIONS } };
    await expect(invokeContinuation(scf, context, {}, last, report)).rejects.toThrow(/continued 50 times/);
    expect(calls).toHaveLength(0);
  });

  it('refuses to guess when the context names no function or region', async () => {
    const { scf, calls } = recordingScf();
    await expect(invokeContinuation(scf, {}, {}, request, report)).rejects.toThrow(
      /names no function or region/,
    );
    expect(calls).toHaveLength(0);
  });
});
