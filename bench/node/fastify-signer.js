// The fastest common peer: Fastify + the official Cloudinary Node SDK, same contract as Signet's
// POST /v1/signatures (API-key auth, server timestamp, same response fields).
'use strict';
const crypto = require('node:crypto');
const fastify = require('fastify')({ logger: false });
const cloudinary = require('cloudinary').v2;

const [, apiKey, apiSecret, cloudName] = /^cloudinary:\/\/(\d+):([^@]+)@([^?]+)/.exec(process.env.CLOUDINARY_URL);
const clientKey = Buffer.from(process.env.CLIENT_KEY);
const port = Number(process.env.PORT || 18081);

fastify.post('/v1/signatures', async (request, reply) => {
  const presented = Buffer.from(String(request.headers['x-api-key'] || ''));
  if (presented.length !== clientKey.length || !crypto.timingSafeEqual(presented, clientKey)) {
    return reply.code(401).type('application/problem+json').send({ status: 401, title: 'Authentication required' });
  }
  const body = request.body || {};
  if (typeof body.params !== 'object' || body.params === null || Array.isArray(body.params)) {
    return reply.code(400).type('application/problem+json').send({ status: 400, title: 'Invalid request' });
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const params = { ...body.params, timestamp };
  const signature = cloudinary.utils.api_sign_request(params, apiSecret);
  const posted = {};
  for (const [k, v] of Object.entries(params)) posted[k] = Array.isArray(v) ? v.join(',') : String(v);
  return {
    signature, timestamp, api_key: apiKey, cloud_name: cloudName, signature_algorithm: 'sha1', params: posted,
    upload_url: `https://api.cloudinary.com/v1_1/${cloudName}/image/upload`,
    expires_at: new Date((timestamp + 3600) * 1000).toISOString(),
  };
});

fastify.listen({ port, host: '127.0.0.1' }).then(() => console.log(`fastify signer on ${port}`));
