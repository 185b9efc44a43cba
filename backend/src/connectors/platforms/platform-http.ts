import { StartListSourceError } from '../start-list-connector';

/**
 * The HTTP edge of the platform connectors: one call with a time limit and a size limit, and every way it can go
 * wrong turned into a StartListSourceError whose message tells the pro what happened and what to do.
 */
export interface PlatformHttpOptions {
  /** "Njuko", "KMS": used in messages. */
  platform: string;
  baseUrl: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface PlatformResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export class PlatformHttp {
  constructor(private readonly options: PlatformHttpOptions) {}

  get platform(): string {
    return this.options.platform;
  }

  /** Any HTTP status comes back (the caller words 401 or 404 for its API); network failures and limits throw. */
  async request(path: string, init: { method?: 'GET' | 'POST'; headers: Record<string, string>; json?: unknown }): Promise<PlatformResponse> {
    const { platform, baseUrl, timeoutMs } = this.options;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: init.json === undefined ? init.headers : { ...init.headers, 'Content-Type': 'application/json' },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new StartListSourceError(504, `${platform} did not answer within ${Math.round(timeoutMs / 1000)} s: try again later`);
      }
      throw new StartListSourceError(502, `${platform} could not be reached: try again later`);
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await this.readCapped(response) };
  }

  /** The status words every platform shares; `notFound` says what a 404 means for this call. */
  failure(response: PlatformResponse, notFound: string): StartListSourceError {
    const { platform } = this.options;
    if (response.status === 401 || response.status === 403) {
      return new StartListSourceError(422, `${platform} refused the API key: check the identifier and the API key in the event's start-list connector`);
    }
    if (response.status === 404) return new StartListSourceError(422, notFound);
    if (response.status === 429) return new StartListSourceError(502, `${platform} is limiting our requests: try again in a few minutes`);
    return new StartListSourceError(502, `${platform} answered with an error (HTTP ${response.status}): try again later`);
  }

  json(response: PlatformResponse): unknown {
    try {
      return JSON.parse(response.body.toString('utf8'));
    } catch {
      throw this.unexpected();
    }
  }

  unexpected(): StartListSourceError {
    return new StartListSourceError(502, `${this.options.platform} answered in a format we do not understand: try again later, or import its export file as CSV`);
  }

  private async readCapped(response: Response): Promise<Buffer> {
    const { maxBytes, platform } = this.options;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      const reader = response.body?.getReader();
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new StartListSourceError(502, `${platform} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB: the start list is too large to import in one go`);
        }
        chunks.push(Buffer.from(value));
      }
    } catch (error) {
      if (error instanceof StartListSourceError) throw error;
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new StartListSourceError(504, `${platform} did not send the whole list within ${Math.round(this.options.timeoutMs / 1000)} s: try again later`);
      }
      throw new StartListSourceError(502, `${platform} stopped answering in the middle of the list: try again later`);
    }
    return Buffer.concat(chunks);
  }
}
