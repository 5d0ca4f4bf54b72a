import { describe, expect, it } from 'vitest';
import { signTc3 } from '../../lib/signing/tc3';
import { signSdkHmac } from '../../lib/signing/sdk-hmac';
import vectors from '../fixtures/signing-vectors.json';

describe('TC3-HMAC-SHA256 golden vectors', () => {
  for (const v of vectors.tc3) {
    it(`reproduces ${v.name}`, () => {
      const signed = signTc3(
        {
          method: 'POST',
          signedHeaders: v.signedHeaders as Record<string, string>,
          body: v.body,
          timestampSec: v.timestampSec,
          service: v.service,
        },
        { secretId: v.secretId, secretKey: v.secretKey },
      );
      expect(signed.signature).toBe(v.signature);
      expect(signed.authorization).toBe(v.authorization);
    });
  }
});

describe('SDK-HMAC-SHA256 golden vectors', () => {
  for (const v of vectors.sdkHmac) {
    it(`reproduces ${v.name}`, () => {
      const signed = signSdkHmac(
        { method: v.method, path: v.path, query: v.query, signedHeaders: v.signedHeaders, body: v.body },
        { ak: v.ak, sk: v.sk },
      );
      expect(signed.signature).toBe(v.signature);
      expect(signed.authorization).toBe(v.authorization);
    });
  }
});
