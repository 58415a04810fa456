import { type ApiClient, createApiClient } from "./api/client";

type Handler = (request: Request) => Response | Promise<Response>;

/** A JSON response, as the backend would send it. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/**
 * A client whose requests go to `routes` ("METHOD /path" -> handler) instead of the network.
 * Every request is recorded; an unknown route answers 404.
 */
export function fakeApi(routes: Record<string, Handler>): { client: ApiClient; requests: Request[] } {
  const requests: Request[] = [];
  const client = createApiClient({
    baseUrl: "http://backend.test",
    fetch: async (request) => {
      requests.push(request);
      const handler = routes[`${request.method} ${new URL(request.url).pathname}`];
      return handler ? handler(request) : json(404, { detail: "Not Found" });
    },
  });
  return { client, requests };
}
