import { describe, expect, it } from 'vitest';
import {
  InvalidEndpointError,
  loadHuaweiCredentials,
  loadHuaweiEndpoint,
  loadTencentCredentials,
  loadTencentEndpoint,
} from '../../lib/cloud/credentials';
import { MissingCredentialsError } from '../../lib/errors/cloud-error';

const TENCENT = {
  TENCENTCLOUD_SECRETID: 'AKIDsecretid-value',
  TENCENTCLOUD_SECRETKEY: 'secret-key-value',
};
const HUAWEI = { HUAWEICLOUD_SDK_AK: 'ak-value', HUAWEICLOUD_SDK_SK: 'sk-value' };

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('credentials from the environment', () => {
  it('reads Tencent keys and the optional session token', () => {
    expect(loadTencentCredentials(TENCENT)).toEqual({
      secretId: 'AKIDsecretid-value',
      secretKey: 'secret-key-value',
    });
    expect(loadTencentCredentials({ ...TENCENT, TENCENTCLOUD_SESSIONTOKEN: 'tok' }).sessionToken).toBe('tok');
  });

  it('reads Huawei keys, security token and project id', () => {
    const env = {
      ...HUAWEI,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'sts',
      HUAWEICLOUD_SDK_PROJECT_ID: '0123456789abcdef0123456789abcdef',
    };
    expect(loadHuaweiCredentials(env)).toEqual({
      ak: 'ak-value',
      sk: 'sk-value',
      securityToken: 'sts',
      projectId: '0123456789abcdef0123456789abcdef',
    });
    expect(loadHuaweiCredentials(HUAWEI)).toEqual({ ak: 'ak-value', sk: 'sk-value' });
  });

  it.each([
    ['TENCENTCLOUD_SECRETID', () => loadTencentCredentials({ TENCENTCLOUD_SECRETKEY: 'secret-key-value' })],
    ['TENCENTCLOUD_SECRETKEY', () => loadTencentCredentials({ ...TENCENT, TENCENTCLOUD_SECRETKEY: '  ' })],
    ['HUAWEICLOUD_SDK_AK', () => loadHuaweiCredentials({ HUAWEICLOUD_SDK_SK: 'sk-value' })],
    ['HUAWEICLOUD_SDK_SK', () => loadHuaweiCredentials({ ...HUAWEI, HUAWEICLOUD_SDK_SK: '' })],
  ])('names %s when it is missing, and shows no secret', (variable, load) => {
    const error = thrown(load);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as MissingCredentialsError).variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toMatch(/secret-key-value|AKIDsecretid-value|sk-value|ak-value/);
  });

  it('drops whitespace around a pasted key', () => {
    expect(loadHuaweiCredentials({ HUAWEICLOUD_SDK_AK: ' ak\n', HUAWEICLOUD_SDK_SK: 'sk' }).ak).toBe('ak');
  });

  it('reads endpoints as origins and rejects what is not an http(s) URL without echoing it', () => {
    expect(loadTencentEndpoint({ TENCENTCLOUD_ENDPOINT: 'http://127.0.0.1:4566/' })).toBe(
      'http://127.0.0.1:4566',
    );
    expect(loadHuaweiEndpoint({})).toBeUndefined();
    const error = thrown(() => loadHuaweiEndpoint({ HUAWEICLOUD_ENDPOINT: 'ftp://user:hunter2@host' }));
    expect(error).toBeInstanceOf(InvalidEndpointError);
    expect(error.message).toContain('HUAWEICLOUD_ENDPOINT');
    expect(error.message).not.toContain('hunter2');
    expect(thrown(() => loadTencentEndpoint({ TENCENTCLOUD_ENDPOINT: 'not a url' }))).toBeInstanceOf(
      InvalidEndpointError,
    );
  });
});
