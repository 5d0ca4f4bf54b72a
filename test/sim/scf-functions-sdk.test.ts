/**
 * The simulator's SCF function management driven by the official tencentcloud-sdk-nodejs SCF
 * client, unchanged: requests the SDK builds are accepted, and its typed responses read back
 * what was created (the same shapes `scf-backup deploy` relies on).
 */
import { scf } from 'tencentcloud-sdk-nodejs/tencentcloud/services/scf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { storedZip } from '../helpers/zip';
import { GZ, movableClock, sdkProfile } from './sim-helpers';

const TRANSITION_MS = 1000;
const clock = movableClock();
let sim: RunningSimulator;
let client: InstanceType<typeof scf.v20180416.Client>;

beforeAll(async () => {
  sim = await startSimulator({ transitionMs: TRANSITION_MS, clock, rateLimits: false });
  client = new scf.v20180416.Client({
    credential: sim.credentials.tencent,
    region: GZ,
    profile: sdkProfile(sim, 'scf'),
  });
});
afterAll(() => sim.stop());

const zip = (text: string) => storedZip({ 'index.js': text }).toString('base64');

describe('official SCF client against the simulator', () => {
  it('CreateFunction → Creating → Active; UpdateFunctionCode/Configuration; timer triggers', async () => {
    const FunctionName = 'sdk-test-fn';
    await expect(client.GetFunction({ FunctionName })).rejects.toMatchObject({
      code: 'ResourceNotFound.Function',
    });
    const created = await client.CreateFunction({
      FunctionName,
      Code: { ZipFile: zip('exports.main_handler = async () => 1;') },
      Handler: 'index.main_handler',
      Runtime: 'Nodejs18.15',
      MemorySize: 256,
      Timeout: 900,
      Role: 'scf-backup-runtime',
      Type: 'Event',
      Environment: { Variables: [{ Key: 'NODE_OPTIONS', Value: '--max-old-space-size=192' }] },
    });
    expect(Object.keys(created)).toEqual(['RequestId']);
    await expect(
      client.CreateFunction({ FunctionName, Code: { ZipFile: zip('') }, Runtime: 'Nodejs18.15' }),
    ).rejects.toMatchObject({ code: 'ResourceInUse.Function' });

    const creating = await client.GetFunction({ FunctionName });
    expect(creating).toMatchObject({
      FunctionName,
      Namespace: 'default',
      Handler: 'index.main_handler',
      Runtime: 'Nodejs18.15',
      MemorySize: 256,
      Timeout: 900,
      Role: 'scf-backup-runtime',
      Type: 'Event',
      Status: 'Creating',
      Environment: { Variables: [{ Key: 'NODE_OPTIONS', Value: '--max-old-space-size=192' }] },
      Triggers: [],
    });
    // Busy until Active: the documented "not in a state for this" code.
    await expect(client.UpdateFunctionCode({ FunctionName, ZipFile: zip('') })).rejects.toMatchObject({
      code: 'FailedOperation.UpdateFunctionCode',
    });
    clock.advance(TRANSITION_MS);
    expect((await client.GetFunction({ FunctionName })).Status).toBe('Active');

    await client.UpdateFunctionCode({ FunctionName, Handler: 'index.main_handler', ZipFile: zip('// v2') });
    expect((await client.GetFunction({ FunctionName })).Status).toBe('Updating');
    clock.advance(TRANSITION_MS);
    await expect(
      client.UpdateFunctionConfiguration({ FunctionName, Runtime: 'Nodejs20.19' }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue.Runtime' });
    await client.UpdateFunctionConfiguration({
      FunctionName,
      MemorySize: 512,
      Environment: { Variables: [{ Key: 'A', Value: '1' }] },
    });
    clock.advance(TRANSITION_MS);
    expect(await client.GetFunction({ FunctionName })).toMatchObject({
      Status: 'Active',
      MemorySize: 512,
      Environment: { Variables: [{ Key: 'A', Value: '1' }] },
    });
    await expect(
      client.UpdateFunctionConfiguration({
        FunctionName,
        Environment: { Variables: [{ Key: 'SCF_X', Value: '1' }] },
      }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue.EnvironmentSystemProtect' });

    const trigger = await client.CreateTrigger({
      FunctionName,
      TriggerName: 'every-15-minutes',
      Type: 'timer',
      TriggerDesc: '0 */15 * * * * *',
      Enable: 'OPEN',
    });
    expect(trigger.TriggerInfo).toMatchObject({ TriggerName: 'every-15-minutes', Type: 'timer', Enable: 1 });
    await expect(
      client.CreateTrigger({ FunctionName, TriggerName: 'bad', Type: 'timer', TriggerDesc: '*/5 * * * *' }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue.TriggerDesc' });
    const listed = await client.ListTriggers({ FunctionName });
    expect(listed.TotalCount).toBe(1);
    expect(listed.Triggers?.[0]).toMatchObject({
      TriggerName: 'every-15-minutes',
      Type: 'timer',
      TriggerDesc: '{"cron":"0 */15 * * * * *"}',
      Enable: 1,
      Qualifier: '$LATEST',
    });
    expect((await client.GetFunction({ FunctionName })).Triggers).toHaveLength(1);

    await client.DeleteTrigger({ FunctionName, TriggerName: 'every-15-minutes', Type: 'timer' });
    await expect(
      client.DeleteTrigger({ FunctionName, TriggerName: 'every-15-minutes', Type: 'timer' }),
    ).rejects.toMatchObject({ code: 'ResourceNotFound.Trigger' });
    expect((await client.ListTriggers({ FunctionName })).TotalCount).toBe(0);
  });
});
