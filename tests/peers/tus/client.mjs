// An independent tus 1.0 client for FieldCase's interoperability tests: tus-js-client from npm
// uploads a file to the centre's /v1/files over mutual TLS, signing every request with the
// terminal's ECDSA P-256 key (FieldCase-Signature, docs/protocol.md). It cannot show the signer
// the chunk it streams, so PATCH bodies are signed as unsigned (body=unsigned); every other request
// has an empty body, whose SM3 is signed.
//
// Usage: node client.mjs ENDPOINT FILE CA CERT KEY TERMINAL SIGNING_KEY [CHUNK_SIZE [key=value ...]]
// Prints one JSON line {"url": ..., "retries": n} and exits 0 once the upload is complete;
// prints the error and exits 1 otherwise.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { DefaultHttpStack, Upload } from 'tus-js-client';

const [endpoint, file, ca, cert, key, terminal, signingKeyFile, chunkArg, ...metaArgs] =
  process.argv.slice(2);
const signingKey = crypto.createPrivateKey(fs.readFileSync(signingKeyFile));
const emptySm3 = crypto.createHash('sm3').update(Buffer.alloc(0)).digest('hex');

function signature(method, url) {
  const u = new URL(url);
  const time = String(Date.now());
  const nonce = crypto.randomBytes(16).toString('hex');
  const unsignedBody = method === 'PATCH';
  const signed = [
    'fieldcase-request-v1', method.toUpperCase(), u.pathname + u.search, time, nonce, terminal,
    unsignedBody ? 'UNSIGNED-PAYLOAD' : emptySm3,
  ].join('\n');
  // ECDSA over SHA-256, DER-encoded (node's default), as the centre's PublicKey::verify expects.
  const sig = crypto.sign('sha256', Buffer.from(signed, 'utf8'), signingKey).toString('base64');
  return `terminal=${terminal}, time=${time}, nonce=${nonce}, alg=ecdsa-p256-sha256, ` +
    (unsignedBody ? 'body=unsigned, ' : '') + `sig=${sig}`;
}

const metadata = Object.fromEntries(
  metaArgs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
let retries = 0;
const data = fs.readFileSync(file);
const upload = new Upload(data, {
  endpoint,
  chunkSize: chunkArg ? Number(chunkArg) : 1024 * 1024,
  retryDelays: [0, 200, 500, 1000],
  metadata,
  // Mutual TLS with the centre's pinned CA (passed to https.request by the node HTTP stack).
  httpStack: new DefaultHttpStack({
    ca: fs.readFileSync(ca), cert: fs.readFileSync(cert), key: fs.readFileSync(key),
  }),
  onBeforeRequest(req) {
    req.setHeader('FieldCase-Signature', signature(req.getMethod(), req.getURL()));
  },
  // The default rule (no retry on a 4xx other than 409 and 423), counting the retries.
  onShouldRetry(err, attempt) {
    const status = err.originalResponse ? err.originalResponse.getStatus() : 0;
    const retry = !(status >= 400 && status < 500 && status !== 409 && status !== 423);
    if (retry) {
      retries += 1;
      console.error(`retry ${attempt + 1}: ${err.message.split('\n')[0]}`);
    }
    return retry;
  },
  onError(err) {
    console.error(`upload failed: ${err.message}`);
    process.exit(1);
  },
  onSuccess() {
    console.log(JSON.stringify({ url: upload.url, retries }));
  },
});
upload.start();
