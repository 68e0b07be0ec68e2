#!/usr/bin/env node
// A GARM external provider (garm-provider-common's exec contract) that makes real Docker containers, written for
// Hangar's tests. Reads GARM_* from its environment, the bootstrap JSON from stdin on CreateInstance, writes a
// ProviderInstance (or a list) on stdout, exits 0 / 1 / 30 (not found) / 31 (duplicate). Like a provider built on
// garm-provider-common, it renders the bootstrap's extra_specs.runner_install_template (a Go text/template; the fields
// below) and makes it the container's boot script, so what runs is what Hangar serves the machine. The image plays a
// cloud image with actions/runner baked in: $RUNNER_DIR/run.sh starts the emulated runner. StartInstance and
// StopInstance are docker start / docker stop; a started container runs its boot script again, as a VM whose image runs
// user data on every boot.
//
// Faults for the contract's error cases come from the provider config file (GARM_PROVIDER_CONFIG_FILE, JSON):
//   {"fail": "CreateInstance"}           exit 1 with a message on stderr for that command
//   {"bad_json": "CreateInstance"}        write something that is not JSON on stdout
//   {"hang": "CreateInstance"}            sleep forever (the caller's timeout must kill it)
//   {"status": "error"}                   CreateInstance reports status error with a base64 provider_fault
//   {"wrong_name": true}                  CreateInstance returns another name
//   {"runner_args": ["--idle-timeout", "2m"]} extra arguments for the runner
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';

const env = process.env;
const fail = (message, code = 1) => { process.stderr.write(message + '\n'); process.exit(code); };
const command = env.GARM_COMMAND;
const versions = ['v0.1.0', 'v0.1.1'];
const version = env.GARM_INTERFACE_VERSION || 'v0.1.0';
if (!versions.includes(version)) fail(`unsupported interface version ${version}`);
if (!command) fail('GARM_COMMAND is not set');
if (!env.GARM_CONTROLLER_ID) fail('GARM_CONTROLLER_ID is not set');
if (!env.GARM_PROVIDER_CONFIG_FILE || !existsSync(env.GARM_PROVIDER_CONFIG_FILE)) fail('GARM_PROVIDER_CONFIG_FILE does not name a file');
const text = readFileSync(env.GARM_PROVIDER_CONFIG_FILE, 'utf8').trim();
const config = text ? JSON.parse(text) : {};
if (config.fail === command) fail(`injected failure for ${command}`);
if (config.hang === command) setInterval(() => {}, 1 << 30);
else main();

function docker(args, input) {
  try {
    return execFileSync('docker', args, { encoding: 'utf8', input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const why = String(e.stderr || e.message).trim();
    fail(`docker ${args[0]} failed: ${why}`, /Conflict|already in use/.test(why) ? 31 : 1);
  }
}

function instance(c) {
  return {
    provider_id: c.Id.slice(0, 12), name: c.Name.replace(/^\//, ''),
    status: c.State.Running ? 'running' : 'stopped', os_type: 'linux', os_arch: 'amd64', os_name: 'busybox',
  };
}

function inspect(ids) {
  if (ids.length === 0) return [];
  return JSON.parse(docker(['inspect', ...ids]));
}

function ours(pool) {
  const filters = ['--filter', `label=garm-controller-id=${env.GARM_CONTROLLER_ID}`];
  if (pool) filters.push('--filter', `label=garm-pool-id=${pool}`);
  return docker(['ps', '-a', '-q', ...filters]).split('\n').filter(Boolean);
}

function find(id) {
  for (const c of inspect(ours(env.GARM_POOL_ID))) {
    if (c.Id.startsWith(id) || c.Name.replace(/^\//, '') === id) return c;
  }
  return null;
}

// The fields garm-provider-common's cloudconfig passes to runner_install_template; any other is an error, as for Go.
function render(template, b) {
  const fields = { MetadataURL: b['metadata-url'], CallbackURL: b['callback-url'], CallbackToken: b['instance-token'], RunnerName: b.name };
  return template.replace(/{{-?\s*\.(\w+)\s*-?}}/g, (_, field) => {
    if (!(field in fields)) fail(`runner_install_template: can't evaluate field ${field}`);
    return fields[field];
  });
}

function bootScript(b) {
  const template = b.extra_specs && b.extra_specs.runner_install_template;
  if (!template) fail('extra_specs has no runner_install_template');
  const rendered = render(Buffer.from(template, 'base64').toString('utf8'), b);
  if (rendered.includes('{{')) fail('runner_install_template: unsupported template action');
  const runnerArgs = (config.runner_args || []).map(a => ` '${a}'`).join('');
  return `mkdir -p /tmp/actions-runner
printf '#!/bin/sh\\nexec /opt/runner/hangar-emulated-runner${runnerArgs} "$@"\\n' > /tmp/actions-runner/run.sh
chmod +x /tmp/actions-runner/run.sh
export RUNNER_DIR=/tmp/actions-runner
${rendered}`;
}

function byInstanceId() {
  if (!env.GARM_INSTANCE_ID) fail('GARM_INSTANCE_ID is not set');
  if (version === 'v0.1.1' && !env.GARM_POOL_ID) fail('GARM_POOL_ID is not set');
  const c = find(env.GARM_INSTANCE_ID);
  if (!c) fail(`instance ${env.GARM_INSTANCE_ID} not found`, 30);
  return c;
}

function main() {
  switch (command) {
    case 'CreateInstance': {
      const b = JSON.parse(readFileSync(0, 'utf8'));
      if (!b.name) fail('bootstrap has no name');
      if (!env.GARM_POOL_ID) fail('GARM_POOL_ID is not set');
      if (config.bad_json === command) { process.stdout.write('this is not JSON'); return; }
      const existing = find(b.name);
      if (existing) fail(`instance ${b.name} exists`, 31);
      const id = docker(['run', '-d', '--pull', 'never', '--network', 'host', '--name', b.name,
        '--label', `garm-controller-id=${env.GARM_CONTROLLER_ID}`, '--label', `garm-pool-id=${b.pool_id}`,
        '--label', `garm-flavor=${b.flavor}`, '--label', `garm-os=${b.os_type}/${b.arch}`,
        '--entrypoint', '/bin/sh', b.image, '-c', bootScript(b)]).trim();
      const made = instance(inspect([id])[0]);
      if (config.status === 'error') { made.status = 'error'; made.provider_fault = Buffer.from('quota exceeded').toString('base64'); }
      if (config.wrong_name) made.name = b.name + '-other';
      process.stdout.write(JSON.stringify(made));
      return;
    }
    case 'DeleteInstance': docker(['rm', '-f', byInstanceId().Id]); return;
    case 'GetInstance': process.stdout.write(JSON.stringify(instance(byInstanceId()))); return;
    case 'StartInstance': docker(['start', byInstanceId().Id]); return;
    case 'StopInstance': docker(['stop', byInstanceId().Id]); return;
    case 'ListInstances': {
      if (!env.GARM_POOL_ID) fail('GARM_POOL_ID is not set');
      if (config.bad_json === command) { process.stdout.write('[{'); return; }
      process.stdout.write(JSON.stringify(inspect(ours(env.GARM_POOL_ID)).map(instance)));
      return;
    }
    case 'RemoveAllInstances': {
      const ids = ours(null);
      if (ids.length) docker(['rm', '-f', ...ids]);
      return;
    }
    case 'GetVersion': process.stdout.write('v0.0.1-hangar-test'); return;
    case 'GetSupportedInterfaceVersions':
      if (version !== 'v0.1.1') fail('GetSupportedInterfaceVersions needs v0.1.1');
      process.stdout.write(JSON.stringify(versions)); return;
    default: fail(`unknown command ${command}`);
  }
}
