import type { FeedEvent } from '../domain/live/feed-event';

export interface FeedStream {
  readonly contentType: string;
  readonly events: FeedEvent[];
  close(): void;
}

/** Reads `event: feed` messages of the console's live stream, as a browser's EventSource would. */
export async function openFeedStream(baseUrl: string, token: string): Promise<FeedStream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/console/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  const events: FeedEvent[] = [];
  const reader = response.body!.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('event: feed') && data) events.push(JSON.parse(data.slice(6)) as FeedEvent);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { contentType: response.headers.get('content-type') ?? '', events, close: () => abort.abort() };
}

export async function waitUntil(
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
  poll?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await poll?.();
    if (check()) return;
    if (Date.now() > deadline) throw new TypeError(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
