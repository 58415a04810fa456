import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy* waits up to 1 s by default; a busy CI machine can need longer to render.
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
  cleanup();
});
