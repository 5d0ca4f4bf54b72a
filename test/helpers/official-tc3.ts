/**
 * A Tencent request as the simulator received it, re-signed by tencentcloud-sdk-nodejs's own
 * `sign3` (tencentcloud/common/sign.js) and by our signer from the same bytes.
 *
 * `sign3` always signs exactly `content-type;host` (the host without its port), while our client
 * also signs `x-tc-action`; no input makes `sign3` sign a third header. So each request is checked
 * twice over: both signers, given what was sent (method, query, Content-Type, host, the body's
 * exact bytes, X-TC-Timestamp, the scope's service, the key), must give the same Authorization;
 * and a request that signed exactly what `sign3` signs must carry `sign3`'s Authorization itself.
 * The x-tc-action part is proven by the golden vector of the API's signing page
 * (test/fixtures/signing-vectors.json).
 */
import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign';
import { parseTc3Authorization, signTc3, type Tc3Request } from '../../lib/signing/tc3';
import type { AuthenticatedTencentRequest } from '../../sim/observe';

type Signer = (request: Tc3Request, credentials: { secretId: string; secretKey: string }) => string;

const ourSigner: Signer = (request, credentials) => signTc3(request, credentials).authorization;

function single(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** A description of the disagreement, or undefined when the official signer agrees. */
export function sign3Disagreement(
  request: AuthenticatedTencentRequest,
  signer: Signer = ourSigner,
): string | undefined {
  const sent = single(request.headers.authorization);
  const auth = parseTc3Authorization(sent);
  if (!auth) return `not a TC3 Authorization: ${sent.slice(0, 40)}`;
  const contentType = single(request.headers['content-type']);
  const hostname = new URL(`http://${single(request.headers.host)}`).hostname;
  const official = Sign.sign3({
    method: request.method,
    url: `http://${hostname}/${request.query ? `?${request.query}` : ''}`,
    payload: request.body,
    timestamp: request.timestampSec,
    service: auth.service,
    secretId: request.secretId,
    secretKey: request.secretKey,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': contentType },
  });
  const sign = (host: string) =>
    signer(
      {
        method: request.method,
        query: request.query,
        signedHeaders: { 'content-type': contentType, host },
        body: request.body,
        timestampSec: request.timestampSec,
        service: auth.service,
      },
      { secretId: request.secretId, secretKey: request.secretKey },
    );
  const api = `${auth.service}.${single(request.headers['x-tc-action'])}`;
  if (sign(hostname) !== official) return `${api}: ours ${sign(hostname)} ≠ sign3 ${official}`;
  // Signed just what sign3 signs: the very Authorization sign3 gives (or, host signed with its
  // port, which sign3 cannot do, ours for that host).
  const host = single(request.headers.host);
  if (auth.signedHeaderNames.join(';') === 'content-type;host' && sent !== official && sent !== sign(host))
    return `${api}: sent ${sent} ≠ sign3 ${official}`;
  const scope = (header: string) => header.slice(0, header.indexOf(', SignedHeaders='));
  if (scope(sent) !== scope(official)) return `${api}: ${scope(sent)} ≠ sign3 ${scope(official)}`;
  return undefined;
}
