import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, json } from "../test-utils";
import { HealthPanel } from "./HealthPanel";

const healthy = () => json(200, { status: "ok", version: "0.1.0" });

function panel() {
  return screen.getByRole("region", { name: "Service health" });
}

describe("HealthPanel", () => {
  it("shows a loading state, then OK, the version and readiness", async () => {
    const { client } = fakeApi({
      "GET /api/v1/health": healthy,
      "GET /api/v1/ready": () => json(200, { status: "ready", problems: [] }),
    });
    render(<HealthPanel client={client} />);

    expect(within(panel()).getByText("Checking the service…")).toBeInTheDocument();
    expect(within(panel()).getByRole("button", { name: "Check again" })).toBeDisabled();

    expect(await within(panel()).findByText("OK")).toBeInTheDocument();
    expect(within(panel()).getByText("0.1.0")).toBeInTheDocument();
    expect(within(panel()).getByText("Ready")).toBeInTheDocument();
    expect(within(panel()).getByRole("button", { name: "Check again" })).toBeEnabled();
  });

  it("lists the problems when the service is up but not ready", async () => {
    const { client } = fakeApi({
      "GET /api/v1/health": healthy,
      "GET /api/v1/ready": () =>
        json(503, { status: "not ready", problems: ["LLM_API_KEY is not set"] }),
    });
    render(<HealthPanel client={client} />);

    expect(await within(panel()).findByText("Not ready")).toBeInTheDocument();
    expect(within(panel()).getByRole("listitem")).toHaveTextContent("LLM_API_KEY is not set");
  });

  it("says the service is unreachable when the request fails", async () => {
    const { client } = fakeApi({
      "GET /api/v1/health": () => Promise.reject(new TypeError("Failed to fetch")),
      "GET /api/v1/ready": () => Promise.reject(new TypeError("Failed to fetch")),
    });
    render(<HealthPanel client={client} />);

    expect(await within(panel()).findByRole("alert")).toHaveTextContent(
      "Unreachable The service could not be reached.",
    );
  });

  it("shows the server's message for an error status", async () => {
    const { client } = fakeApi({
      "GET /api/v1/health": () => json(500, { detail: "Internal server error." }),
      "GET /api/v1/ready": () => json(500, { detail: "Internal server error." }),
    });
    render(<HealthPanel client={client} />);

    expect(await within(panel()).findByRole("alert")).toHaveTextContent("Internal server error.");
  });

  it("checks again on request", async () => {
    let healthChecks = 0;
    const { client } = fakeApi({
      "GET /api/v1/health": () => {
        healthChecks += 1;
        return healthChecks === 1 ? json(500, {}) : healthy();
      },
      "GET /api/v1/ready": () => json(200, { status: "ready", problems: [] }),
    });
    render(<HealthPanel client={client} />);

    expect(await within(panel()).findByRole("alert")).toHaveTextContent(
      "The service answered with HTTP 500.",
    );
    await userEvent.click(within(panel()).getByRole("button", { name: "Check again" }));

    expect(await within(panel()).findByText("OK")).toBeInTheDocument();
    expect(within(panel()).queryByRole("alert")).not.toBeInTheDocument();
    expect(healthChecks).toBe(2);
  });
});
