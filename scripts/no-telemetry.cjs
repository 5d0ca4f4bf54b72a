/**
 * Preload for the Serverless CLI (`node -r scripts/no-telemetry.cjs …/serverless.js package`) that
 * keeps serverless-tencent-scf@0.1.36 from touching the network while it only packages.
 *
 * The plugin's provider constructor runs on every command, `package` included, and:
 *  1. calls serverless-tencent-tools' `DataReport#report`: a plain-HTTP POST to a host on Tencent's
 *     retired API Gateway, sent with `request()` and no error listener, so without internet the
 *     process dies of an uncaught `getaddrinfo ENOTFOUND service-ocnymoks-….apigw.tencentcs.com`;
 *  2. calls its own `getCredentials()`, which reads `~/credentials` (or `provider.credentials`) and,
 *     when that file exists, asks CAM `GetUserAppId` who the account is. Packaging needs no account.
 * Both become no-ops. The modules are resolved from the plugin's own directory, so the patched
 * objects are the very ones the plugin loads. If an upgrade moves them this throws rather than let
 * the network calls come back silently.
 *
 * Then, unless SCF_BACKUP_ALLOW_NETWORK=1, any other outbound connection attempt fails loudly
 * naming its host: packaging must be provably offline (Serverless's own telemetry, notifications
 * and update checks are switched off by the environment scripts/package.mjs sets).
 */
'use strict';

const net = require('node:net');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');

function pluginRequire() {
  const pluginManifest = require.resolve('serverless-tencent-scf/package.json', {
    paths: [process.cwd(), __dirname],
  });
  return createRequire(pluginManifest);
}

function replaceMethod(owner, name, replacement, where) {
  if (!owner || typeof owner.prototype?.[name] !== 'function') {
    throw new Error(`no-telemetry preload: ${where} has no method ${name}; the plugin changed, re-check it`);
  }
  owner.prototype[name] = replacement;
}

const fromPlugin = pluginRequire();
const toolsDir = dirname(fromPlugin.resolve('serverless-tencent-tools/package.json'));
const { DataReport } = fromPlugin(`${toolsDir}/sdk/others/dataReport.js`);
replaceMethod(DataReport, 'report', async () => true, 'serverless-tencent-tools DataReport');

const TencentProvider = fromPlugin('./provider/tencentProvider.js');
replaceMethod(
  TencentProvider,
  'getCredentials',
  async () => undefined,
  'serverless-tencent-scf TencentProvider',
);

if (process.env.SCF_BACKUP_ALLOW_NETWORK !== '1') {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function refuseNetwork(...args) {
    // net.connect() passes its normalized [options, callback]; direct callers pass options or port.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const target = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
    // Local IPC (a Unix socket or pipe path) is not network; anything with a port is.
    if (typeof target.path === 'string' && target.port === undefined) return connect.apply(this, args);
    throw new Error(
      `no-telemetry preload: packaging tried to reach ${target.host ?? 'localhost'}:${target.port}; ` +
        'it must stay offline (SCF_BACKUP_ALLOW_NETWORK=1 lets it through)',
    );
  };
}
