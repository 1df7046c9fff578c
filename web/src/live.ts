/**
 * Changes on disk, as the server reports them over server-sent events. The browser reconnects
 * by itself; after a reconnect the page refetches, since changes may have passed meanwhile.
 */
export type LiveState = 'live' | 'reconnecting';

export function connectLive(onChange: (paths: string[]) => void, onState: (state: LiveState) => void): () => void {
  const source = new EventSource('/api/events');
  let dropped = false;
  source.addEventListener('open', () => {
    onState('live');
    if (dropped) onChange([]);
    dropped = false;
  });
  source.addEventListener('error', () => {
    dropped = true;
    onState('reconnecting');
  });
  source.addEventListener('change', (event) => {
    let paths: string[] = [];
    try {
      const data = JSON.parse((event as MessageEvent<string>).data) as { paths?: unknown };
      if (Array.isArray(data.paths)) paths = data.paths.filter((p): p is string => typeof p === 'string');
    } catch {
      // A change all the same: refetch.
    }
    onChange(paths);
  });
  return () => source.close();
}
