// Prints every official `workflow_job` webhook example (@octokit/webhooks-examples, github.com and GHES sets) signed
// with GitHub's own signer (@octokit/webhooks-methods), for Hangar's webhook tests:
//
//   node eng/sign-webhook-examples.mjs <secret>
//   -> {"vector": {...}, "examples": [{"source", "index", "action", "body", "signature"}]}
//
// "body" is the exact string that was signed; the test posts those bytes unchanged. "vector" is the published test
// vector (docs.github.com, "Validating webhook deliveries") signed by the same signer.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { sign } from "@octokit/webhooks-methods";

const secret = process.argv[2];
if (!secret) {
  console.error("usage: node eng/sign-webhook-examples.mjs <secret>");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const examplesDir = dirname(require.resolve("@octokit/webhooks-examples/package.json"));
const examples = [];
for (const source of readdirSync(examplesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const index = join(examplesDir, source, "index.json");
  if (!existsSync(index)) continue;
  const events = JSON.parse(readFileSync(index, "utf8"));
  for (const event of events.filter((e) => e.name === "workflow_job")) {
    for (const [i, payload] of event.examples.entries()) {
      const body = JSON.stringify(payload);
      examples.push({ source, index: i, action: payload.action, body, signature: await sign(secret, body) });
    }
  }
}

const vector = { secret: "It's a Secret to Everybody", body: "Hello, World!" };
vector.signature = await sign(vector.secret, vector.body);
process.stdout.write(JSON.stringify({ vector, examples }));
