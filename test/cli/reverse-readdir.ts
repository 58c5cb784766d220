// Loaded with `node --import` by determinism.test.ts: every directory listing
// (fs.readdirSync, fs.readdir, fs.promises.readdir) comes back in reverse
// order, so a run that depends on the order a file system lists files in
// shows it. (Node's own listing is sorted by libuv on Linux; other systems and
// other readers are not.)
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const reverse = <T>(value: T): T => (Array.isArray(value) ? ([...value].reverse() as T) : value);

const readdirSync = fs.readdirSync;
fs.readdirSync = ((...args: Parameters<typeof readdirSync>) => reverse(readdirSync(...args))) as typeof fs.readdirSync;

const readdirPromise = fs.promises.readdir;
fs.promises.readdir = (async (...args: Parameters<typeof readdirPromise>) => reverse(await readdirPromise(...args))) as typeof fs.promises.readdir;

const readdir = fs.readdir;
fs.readdir = ((...args: unknown[]) => {
  const callback = args.pop() as (error: unknown, entries: unknown) => void;
  return (readdir as (...a: unknown[]) => void)(...args, (error: unknown, entries: unknown) => callback(error, reverse(entries)));
}) as typeof fs.readdir;

syncBuiltinESMExports();
