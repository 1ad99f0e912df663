// Mints an RS256 access token and writes the matching JWK set, with no dependency but node:crypto.
// Usage: node mint-jwt.js <jwks.json path>  -> prints the token
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'bench', alg: 'RS256', use: 'sig' };
fs.writeFileSync(process.argv[2], JSON.stringify({ keys: [jwk] }));
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const input = b64({ alg: 'RS256', typ: 'JWT', kid: 'bench' }) + '.' + b64({
  iss: 'https://bench.local', sub: 'bench-user', aud: 'signet', azp: 'bench', scope: 'signet:sign',
  iat: now, exp: now + 3 * 3600,
});
const signature = crypto.sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url');
process.stdout.write(input + '.' + signature);
