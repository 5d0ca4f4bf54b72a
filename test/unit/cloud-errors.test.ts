import { describe, expect, it } from 'vitest';
import {
  CloudError,
  ERROR_CLASSES,
  MissingCredentialsError,
  TRANSIENT_TRANSPORT_CODES,
  classifyCode,
  type ErrorClass,
} from '../../lib/errors/cloud-error';
import { TRANSPORT_CODES, transportCodeOf } from '../../lib/http/errors';

/** [code, HTTP status or undefined, expected class]: one row per class and per code family. */
const TABLE: ReadonlyArray<readonly [string, number | undefined, ErrorClass]> = [
  // throttled: Tencent in a 200 body, Huawei's gateway with 429, any 429 without a known code
  ['RequestLimitExceeded', 200, 'throttled'],
  ['RequestLimitExceeded.UinLimitExceeded', 200, 'throttled'],
  ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', 200, 'throttled'],
  ['APIGW.0308', 429, 'throttled'],
  ['APIG.0308', 429, 'throttled'],
  ['HTTP.429', 429, 'throttled'],
  // transient: internal errors, unavailability, Huawei server failures, any 5xx, transport failures
  ['InternalError', 200, 'transient'],
  ['InternalError.CdbError', 200, 'transient'],
  ['ServiceUnavailable', 200, 'transient'],
  ['ResourceBusy', 200, 'transient'],
  ['DWS.0005', 500, 'transient'],
  ['DBS.05000000', 500, 'transient'],
  ['DBS.108000', 500, 'transient'],
  ['DBS.108002', 500, 'transient'],
  ['HTTP.502', 502, 'transient'],
  ['SomeUnlistedCode', 503, 'transient'],
  ['RequestTimeout', undefined, 'transient'],
  ['ConnectTimeout', undefined, 'transient'],
  ['ECONNRESET', undefined, 'transient'],
  ['ECONNREFUSED', undefined, 'transient'],
  ['BadResponse', 200, 'transient'],
  // busy: the resource is doing something else; the engine retries later in the run
  ['InvalidDisk.Busy', 200, 'busy'],
  ['OperationDenied.ActionInProcess', 200, 'busy'],
  ['FailedOperation.TaskConflictError', 200, 'busy'],
  ['ResourceInUse', 200, 'busy'],
  ['ResourceInUse.DiskRollbacking', 200, 'busy'],
  ['ResourceUnavailable.SnapshotCreating', 200, 'busy'],
  ['DWS.0011', 409, 'busy'],
  ['DBS.200019', 409, 'busy'],
  ['DBS.200011', 409, 'busy'],
  // auth
  ['AuthFailure.SignatureFailure', 200, 'auth'],
  ['AuthFailure.SignatureExpire', 200, 'auth'],
  ['UnauthorizedOperation', 200, 'auth'],
  ['OperationDenied.UserHasNoStrategy', 200, 'auth'],
  ['APIGW.0301', 401, 'auth'],
  ['APIG.0301', 401, 'auth'],
  ['DBS.200010', 403, 'auth'],
  ['HTTP.401', 401, 'auth'],
  ['MissingCredentials', undefined, 'auth'],
  // notFound
  ['InvalidDiskId.NotFound', 200, 'notFound'],
  ['ResourceNotFound.NotFound', 200, 'notFound'],
  ['InvalidParameter.InstanceNotFound', 200, 'notFound'],
  ['DBS.200002', 404, 'notFound'],
  // permanent: everything else, including look-alikes of listed codes
  ['InvalidParameter', 200, 'permanent'],
  ['ResourceInsufficient.OverQuota', 200, 'permanent'],
  ['LimitExceeded', 200, 'permanent'],
  // DWS's "does not exist (or is not yours)": the snapshot or cluster is gone (issue 10).
  ['DWS.0015', 403, 'notFound'],
  ['DWS.0001', 400, 'permanent'],
  ['HTTP.404', 404, 'permanent'],
  ['RequestLimitExceededSoon', 200, 'permanent'],
  ['CERT_HAS_EXPIRED', undefined, 'permanent'],
];

describe('error classification', () => {
  it.each(TABLE)('%s (HTTP %s) is %s', (code, httpStatus, expected) => {
    expect(classifyCode(code, httpStatus)).toBe(expected);
  });

  it('has at least one case for every class', () => {
    const covered = new Set(TABLE.map(([, , errorClass]) => errorClass));
    expect([...covered].sort()).toEqual([...ERROR_CLASSES].sort());
  });

  it('gives every code the HTTP layer produces the transient class, but an answer too large', () => {
    for (const code of Object.values(TRANSPORT_CODES)) {
      // The same request gets the same oversized answer: fetching it again cannot help.
      const expected = code === TRANSPORT_CODES.responseTooLarge ? 'permanent' : 'transient';
      expect(TRANSIENT_TRANSPORT_CODES.has(code), code).toBe(expected === 'transient');
      expect(classifyCode(code), code).toBe(expected);
    }
    expect(transportCodeOf({ code: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
    expect(transportCodeOf({ code: 'HPE_INVALID_CONSTANT' })).toBe('BadResponse');
    expect(transportCodeOf(new Error('no code'))).toBe('BadResponse');
  });

  it('puts the class, the request id and the cloud message on a CloudError', () => {
    const error = new CloudError({
      cloud: 'huawei',
      api: 'dws.CreateSnapshot',
      code: 'APIGW.0308',
      message: 'The throttling threshold has been reached',
      requestId: 'req-1',
      httpStatus: 429,
    });
    expect(error).toMatchObject({ errorClass: 'throttled', retryable: true, requestId: 'req-1' });
    expect(error.message).toBe('dws.CreateSnapshot: APIGW.0308: The throttling threshold has been reached');
    expect(error.cloudMessage).toBe('The throttling threshold has been reached');
  });

  it('names the missing variable', () => {
    expect(new MissingCredentialsError('TENCENTCLOUD_SECRETID').message).toContain('TENCENTCLOUD_SECRETID');
  });
});
