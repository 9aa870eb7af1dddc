// The HTTP client (undici), imported through this module only when a fetch happens: a process that fetches nothing
// (most commands, a server until its first poll) does not compile it. A module of ours: imported straight, the
// bundle's chunk for undici (a CommonJS package) exported only a default, and `Agent` was undefined.
export { Agent, fetch, request } from 'undici';
