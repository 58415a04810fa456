// The bundle-size budget: the gzipped JavaScript that `vite build` wrote to dist/ must stay
// within BUDGET_BYTES. Prints the size of each file and the total; exits 1 over budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 80 * 1024;
const dist = fileURLToPath(new URL("../dist", import.meta.url));

function javascriptFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      return javascriptFiles(path);
    }
    return /\.m?js$/.test(entry.name) ? [path] : [];
  });
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
  console.error("dist/ does not exist: run `npm run build` first.");
  process.exit(1);
}
const files = javascriptFiles(dist);
if (files.length === 0) {
  console.error("dist/ holds no JavaScript: did `npm run build` succeed?");
  process.exit(1);
}
let total = 0;
for (const file of files.sort()) {
  const size = gzipSync(readFileSync(file)).length;
  total += size;
  console.log(`${kilobytes(size).padStart(10)}  ${relative(dist, file)}`);
}
const verdict = total <= BUDGET_BYTES ? "within" : "OVER";
console.log(
  `${kilobytes(total).padStart(10)}  gzipped JavaScript in total, ${verdict} the budget of ${kilobytes(BUDGET_BYTES)}`,
);
if (total > BUDGET_BYTES) {
  console.error(
    "The bundle is over budget: drop a dependency, or load it only when needed with import().",
  );
  process.exit(1);
}
