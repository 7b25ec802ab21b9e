// An independent tus 1.0 server for FieldCase's interoperability tests: @tus/server with the
// file store, behind node's https with mutual TLS (the terminal must present a certificate from
// the given CA). Usage: node server.mjs PORT DIR KEY CERT CA. Prints "listening PORT" when ready.
import https from 'node:https';
import fs from 'node:fs';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const [port, dir, key, cert, ca] = process.argv.slice(2);
fs.mkdirSync(dir, { recursive: true });
// relativeLocation: behind https the server would otherwise build an http:// Location (stack.md §10).
const tus = new Server({ path: '/files', relativeLocation: true, datastore: new FileStore({ directory: dir }) });
const server = https.createServer(
  { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ca: fs.readFileSync(ca), requestCert: true, rejectUnauthorized: true },
  (req, res) => tus.handle(req, res));
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
