// The HTTP client (undici), imported through this module only when a fetch happens: a process that fetches nothing
// (most commands, a server until its first poll) does not compile it. A module of ours, so that the bundle gives the
// dynamic import named exports (of a CommonJS package it gives only a default).
export { Agent, fetch, request } from 'undici';
