// Extracts the part of GitHub's official REST description (@octokit/openapi) that Hangar calls, for the prism mock
// used by the contract tests. The subset is the listed operations verbatim plus every component they reference,
// transitively, so prism validates requests and serves responses exactly as the full description would.
//
//   node eng/extract-openapi.mjs <variant> <output.json>
//   variant: api.github.com | ghec | ghes-3.19 (any file name under @octokit/openapi/generated, without .json)
//
// Keep OPERATIONS in step with every REST call in src/Hangar.Forges/GitHub (the contract tests fail on a call that
// the subset lacks, because prism answers 404 for an unknown path).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const OPERATIONS = [
  ["post", "/app/installations/{installation_id}/access_tokens"],
  ["get", "/repos/{owner}/{repo}/installation"],
  ["get", "/orgs/{org}/installation"],
  ["get", "/repos/{owner}/{repo}/actions/jobs/{job_id}"],
  ["get", "/repos/{owner}/{repo}/actions/runs"],
  ["get", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs"],
  ...["/orgs/{org}", "/enterprises/{enterprise}"].flatMap((scope) => [
    ["get", `${scope}/actions/runner-groups`],
    // Managed runner groups (issue 12): create, update, and the selection (repositories / organizations).
    ["post", `${scope}/actions/runner-groups`],
    ["patch", `${scope}/actions/runner-groups/{runner_group_id}`],
  ]),
  ["get", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories"],
  ["put", "/orgs/{org}/actions/runner-groups/{runner_group_id}/repositories"],
  ["get", "/enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations"],
  ["put", "/enterprises/{enterprise}/actions/runner-groups/{runner_group_id}/organizations"],
  ["get", "/repos/{owner}/{repo}"],
  ["get", "/orgs/{org}"],
  ...["/repos/{owner}/{repo}", "/orgs/{org}", "/enterprises/{enterprise}"].flatMap((scope) => [
    ["post", `${scope}/actions/runners/generate-jitconfig`],
    ["get", `${scope}/actions/runners`],
    ["delete", `${scope}/actions/runners/{runner_id}`],
  ]),
];

const [variant, output] = process.argv.slice(2);
if (!variant || !output) {
  console.error("usage: node eng/extract-openapi.mjs <variant> <output.json>");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("@octokit/openapi/package.json"));
const spec = JSON.parse(readFileSync(join(packageDir, "generated", `${variant}.json`), "utf8"));

const paths = {};
for (const [method, path] of OPERATIONS) {
  const operation = spec.paths[path]?.[method];
  if (!operation) {
    // api.github.com has no enterprise endpoints (they live in the ghec variant): leave them out, and let a test
    // that needs one fail loudly against prism's 404.
    continue;
  }
  const item = (paths[path] ??= {});
  if (spec.paths[path].parameters) item.parameters = spec.paths[path].parameters;
  item[method] = operation;
}

// Copy every referenced component, following references inside the copied components too.
const components = {};
const pending = [paths];
const seen = new Set();
while (pending.length > 0) {
  visit(pending.pop());
}

function visit(node) {
  if (Array.isArray(node)) {
    node.forEach(visit);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/") && !seen.has(value)) {
      seen.add(value);
      const [, , kind, name] = value.split("/");
      const target = spec.components[kind]?.[name];
      if (target === undefined) throw new Error(`dangling reference ${value}`);
      (components[kind] ??= {})[name] = target;
      pending.push(target);
    } else {
      visit(value);
    }
  }
}

// prism serves paths from the root and ignores a server's base path, so GHES's "{protocol}://{hostname}/api/v3" is
// folded into the paths: a client configured with https://HOST/api/v3 then sends exactly what GHES expects.
const basePath = new URL((spec.servers?.[0]?.url ?? "/").replace(/\{[^}]+\}/g, "x")).pathname.replace(/\/$/, "");
const servedPaths = Object.fromEntries(Object.entries(paths).map(([path, item]) => [basePath + path, item]));

// The description's example Link header ("<https://api.github.com/resource?page=2>; rel=next") is a placeholder, not
// a page of the list: a client that follows it leaves the mock (Hangar refuses to, as it never sends its token to
// another host). prism would serve it on every list, so list responses here carry no Link header; pagination itself
// is covered against the emulator.
for (const item of Object.values(servedPaths)) {
  for (const operation of Object.values(item)) {
    for (const response of Object.values(operation.responses ?? {})) {
      if (response.headers) {
        response.headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== "link"));
      }
    }
  }
}

const subset = {
  openapi: spec.openapi,
  info: { ...spec.info, title: `${spec.info.title} (Hangar subset, ${variant})` },
  servers: spec.servers,
  paths: servedPaths,
  components,
};
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(subset));
console.log(`${variant}: ${Object.keys(paths).length} paths, ${seen.size} components -> ${output}`);
