import { useEffect, useState } from "react";
import type { ApiClient } from "../api/client";
import { checkService, type ServiceStatus } from "../api/health";

type PanelState = { kind: "checking" } | ServiceStatus;

/** Liveness and readiness of the backend, checked on load and on request. */
export function HealthPanel({ client }: { client: ApiClient }) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PanelState>({ kind: "checking" });

  useEffect(() => {
    let current = true;
    void checkService(client).then((status) => {
      if (current) {
        setState(status);
      }
    });
    return () => {
      current = false;
    };
  }, [client, attempt]);

  const checkAgain = () => {
    setState({ kind: "checking" });
    setAttempt((count) => count + 1);
  };

  return (
    <section className="panel" aria-labelledby="health-title">
      <h2 id="health-title">Service health</h2>
      <div aria-live="polite" aria-busy={state.kind === "checking"}>
        <HealthDetails state={state} />
      </div>
      <button type="button" onClick={checkAgain} disabled={state.kind === "checking"}>
        Check again
      </button>
    </section>
  );
}

function HealthDetails({ state }: { state: PanelState }) {
  switch (state.kind) {
    case "checking":
      return <p className="muted">Checking the service…</p>;
    case "down":
      return (
        <p className="problem" role="alert">
          <span className="badge badge-error">Unreachable</span> {state.message}
        </p>
      );
    case "up":
      return (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <span className="badge badge-ok">OK</span>
          </dd>
          <dt>Version</dt>
          <dd>{state.version}</dd>
          <dt>Readiness</dt>
          <dd>
            {state.ready ? (
              <span className="badge badge-ok">Ready</span>
            ) : (
              <>
                <span className="badge badge-warn">Not ready</span>
                <ul className="problems">
                  {state.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </>
            )}
          </dd>
        </dl>
      );
  }
}
