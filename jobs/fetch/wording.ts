// Turns sizes and durations into the short words used in fetch messages ("10 MB", "30 s").

const KB = 1024;
const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trimNumber(bytes / MB)} MB`;
  if (bytes >= KB) return `${trimNumber(bytes / KB)} KB`;
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  return `${trimNumber(ms / 1000)} s`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}
