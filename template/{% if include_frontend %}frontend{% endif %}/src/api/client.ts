import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Where the backend is; the page's own origin unless given (tests pass a fixed one). */
  baseUrl?: string;
  /** The fetch implementation; tests pass a fake one. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A client typed by `schema.d.ts`, which is generated from the backend's OpenAPI schema. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? window.location.origin,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** A sentence for a failed call: the server's own message when it sent one, else the status. */
export function describeFailure(status: number, body: unknown): string {
  if (typeof body === "object" && body !== null && "detail" in body) {
    const { detail } = body;
    if (typeof detail === "string") {
      return detail;
    }
    if (Array.isArray(detail)) {
      const messages = detail.flatMap((item: unknown) =>
        typeof item === "object" && item !== null && "msg" in item && typeof item.msg === "string"
          ? [item.msg]
          : [],
      );
      if (messages.length > 0) {
        return messages.join(" ");
      }
    }
  }
  return `The service answered with HTTP ${String(status)}.`;
}

export const UNREACHABLE = "The service could not be reached.";
