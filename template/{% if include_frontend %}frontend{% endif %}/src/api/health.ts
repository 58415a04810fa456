import { type ApiClient, describeFailure, UNREACHABLE } from "./client";

export type ServiceStatus =
  | { kind: "up"; version: string; ready: boolean; problems: string[] }
  | { kind: "down"; message: string };

/** Liveness and readiness together: is the backend up, and can it serve? */
export async function checkService(client: ApiClient): Promise<ServiceStatus> {
  try {
    const [health, ready] = await Promise.all([
      client.GET("/api/v1/health"),
      client.GET("/api/v1/ready"),
    ]);
    if (health.data === undefined) {
      return { kind: "down", message: describeFailure(health.response.status, health.error) };
    }
    // Not ready is an answer too: a 503 carries the list of problems.
    const readiness = ready.response.status === 503 ? ready.error : ready.data;
    if (readiness === undefined) {
      return { kind: "down", message: describeFailure(ready.response.status, ready.error) };
    }
    return {
      kind: "up",
      version: health.data.version,
      ready: readiness.status === "ready",
      problems: readiness.problems,
    };
  } catch {
    return { kind: "down", message: UNREACHABLE };
  }
}
