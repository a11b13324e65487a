/**
 * A local HTTP server that answers like an open source's Web API, from files given per path: each
 * request is recorded (URL and headers) and answered by the first rule that matches. Rules can
 * answer a status first (429 with Retry-After, 503, 401) a number of times, as real APIs do.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SampleRule {
  /** Matches when the request's path and parameters contain these (parameters compared exactly). */
  path: string;
  params?: Record<string, string>;
  body: string;
  contentType?: string;
  /** Answer these statuses first, one per request, before the body. */
  failFirst?: { status: number; retryAfter?: string }[];
}

export interface RecordedRequest {
  url: URL;
  headers: IncomingHttpHeaders;
}

export interface SampleApiServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startSampleApiServer(rules: SampleRule[]): Promise<SampleApiServer> {
  const requests: RecordedRequest[] = [];
  const pendingFailures = new Map(rules.map((rule) => [rule, [...(rule.failFirst ?? [])]]));
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ url, headers: request.headers });
    const rule = rules.find(
      (r) =>
        url.pathname === r.path &&
        Object.entries(r.params ?? {}).every(
          ([name, value]) => url.searchParams.get(name) === value,
        ),
    );
    if (!rule) {
      response.writeHead(404).end('not found');
      return;
    }
    const failure = pendingFailures.get(rule)?.shift();
    if (failure) {
      response
        .writeHead(failure.status, failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {})
        .end('try later');
      return;
    }
    response
      .writeHead(200, { 'Content-Type': rule.contentType ?? 'application/json; charset=utf-8' })
      .end(rule.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
