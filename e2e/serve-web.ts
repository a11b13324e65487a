/** Serves a database with the web app for manual checks: node bin/run-ts.mjs e2e/serve-web.ts <db> */
import { openDatabase } from '#db/open-database.ts';
import { startWebServer } from './support/web-server.ts';

const target = process.argv[2] ?? 'data/musubi.sqlite';
const database = await openDatabase(target);
const server = await startWebServer(database.repos);
console.log(`web app for ${target} at ${server.url}${server.composed ? ' (composed)' : ''}`);
