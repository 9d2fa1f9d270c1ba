// Keeps k8s/base honest without kubectl: every service is deployed, every variable a
// manifest sets is one its service reads, every required one is given, values pass the
// service's own schemas, probes, grace periods, disruption budgets and routes line up, and
// no secret value is written down. It lives here because the unit project of jest.config.js
// runs services/*/src only, and this is the package that composes every service.
// (yaml is a dependency of subscriber-terminal; imported relatively, no new dependency.)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  describeConfig,
  loadConfig,
  SECRET_FILE_SUFFIX,
  type ConfigDefinition,
} from '@dms/service-kit';
import { parseAllDocuments } from '../../subscriber-terminal/node_modules/yaml';
import { NewProfile } from '../../config/src/domain/profile.model';

const ROOT = join(__dirname, '..', '..', '..');
const BASE = join(ROOT, 'k8s', 'base');
/** The image's own variable (deploy/docker/Dockerfile), not a service's. */
const IMAGE_VARIABLES = new Set(['DMS_SERVICE']);
/** Optional in config.ts but needed at start with the defaults (the service refuses to start). */
const NEEDED_BY_DEFAULTS: Record<string, string[]> = {
  'subscriber-terminal': ['DMS_ST_ANONYMISE_SALT'], // while DMS_ST_HISTORY_ON_REMOVAL=anonymise
};
const SAMPLE_POD_NAME = 'svc-7d9c6b5f4-x2x7k';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Manifests {
  docs: Json[];
  files: Record<string, string>;
}

function loadManifests(): Manifests {
  const kustomization = parse(
    readFileSync(join(BASE, 'kustomization.yaml'), 'utf8'),
    'kustomization.yaml',
  )[0]!;
  const files: Record<string, string> = {};
  const docs: Json[] = [];
  for (const file of kustomization['resources'] as string[]) {
    files[file] = readFileSync(join(BASE, file), 'utf8');
    docs.push(...parse(files[file], file));
  }
  return { docs, files };
}

function parse(text: string, file: string): Json[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new SyntaxError(`${file}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Json;
  });
}

const ofKind = (m: Manifests, kind: string) => m.docs.filter((d) => d['kind'] === kind);
const named = (m: Manifests, kind: string, name: string) =>
  ofKind(m, kind).find((d) => d['metadata']['name'] === name);

const serviceFolders = readdirSync(join(ROOT, 'services'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'embedded')
  .map((e) => e.name);

/** A service's config definition: the largest exported object whose every value is a config field. */
function configOf(service: string): ConfigDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(join(ROOT, 'services', service, 'src', 'config.ts')) as Record<string, unknown>;
  const definitions = Object.values(exports).filter(
    (v): v is ConfigDefinition =>
      typeof v === 'object' &&
      v !== null &&
      Object.values(v).length > 0 &&
      Object.values(v).every(
        (f) => typeof f === 'object' && f !== null && typeof f.env === 'string' && 'schema' in f,
      ),
  );
  return definitions.sort((a, b) => Object.keys(b).length - Object.keys(a).length)[0]!;
}

/** Where each variable of a container comes from, resolved against the manifests. */
interface EnvEntry {
  name: string;
  from: string;
  value: string | undefined;
}

function containerEnv(m: Manifests, container: Json): { entries: EnvEntry[]; problems: string[] } {
  const entries: EnvEntry[] = [];
  const problems: string[] = [];
  for (const source of container['envFrom'] ?? []) {
    const ref = source['configMapRef']?.['name'];
    if (ref === undefined) {
      problems.push('envFrom other than a ConfigMap (secrets are files: <VAR>_FILE)');
      continue;
    }
    const map = named(m, 'ConfigMap', ref);
    if (map === undefined) problems.push(`envFrom names ConfigMap ${ref}, which is not in the resources`);
    for (const [key, value] of Object.entries(map?.['data'] ?? {}))
      entries.push({ name: key, from: `ConfigMap ${ref}`, value: String(value) });
  }
  for (const e of container['env'] ?? []) {
    const keyRef = e['valueFrom']?.['configMapKeyRef'];
    const fieldRef = e['valueFrom']?.['fieldRef'];
    let value: string | undefined = e['value'];
    if (keyRef !== undefined) {
      value = named(m, 'ConfigMap', keyRef['name'])?.['data']?.[keyRef['key']];
      if (value === undefined)
        problems.push(`${e['name']}: no key ${keyRef['key']} in ConfigMap ${keyRef['name']}`);
    } else if (fieldRef !== undefined) {
      value = fieldRef['fieldPath'] === 'metadata.name' ? SAMPLE_POD_NAME : undefined;
    } else if (e['valueFrom'] !== undefined) {
      problems.push(`${e['name']}: valueFrom other than a ConfigMap key or the pod name (secrets are files)`);
    }
    entries.push({ name: e['name'], from: 'env', value });
  }
  return { entries, problems };
}

/** The key of dms-secrets a path in the pod holds: a projected item, or any key when all are mounted. */
function secretKeyAt(pod: Json, container: Json, path: string): string | undefined {
  for (const mount of container['volumeMounts'] ?? []) {
    const volume = (pod['volumes'] ?? []).find((v: Json) => v['name'] === mount['name']);
    const secret = volume?.['secret'];
    if (secret?.['secretName'] !== 'dms-secrets' || !path.startsWith(`${mount['mountPath']}/`)) continue;
    const rest = path.slice(mount['mountPath'].length + 1);
    const items: Json[] | undefined = secret['items'];
    if (items === undefined) return rest.includes('/') ? undefined : rest;
    return items.find((item) => item['path'] === rest)?.['key'];
  }
  return undefined;
}

/** Every problem of one Deployment; empty when it is right. */
function deploymentProblems(m: Manifests, deployment: Json): string[] {
  const name: string = deployment['metadata']['name'];
  const problems: string[] = [];
  const pod = deployment['spec']['template']['spec'];
  const labels = deployment['spec']['template']['metadata']['labels'] ?? {};
  const containers: Json[] = pod['containers'];
  if (containers.length !== 1) return [`${name}: expected one container, found ${containers.length}`];
  const container = containers[0]!;
  const { entries, problems: envProblems } = containerEnv(m, container);
  problems.push(...envProblems.map((p) => `${name}: ${p}`));
  const service = entries.find((e) => e.name === 'DMS_SERVICE')?.value;
  if (service === undefined || !existsSync(join(ROOT, 'services', service, 'src', 'main.ts')))
    return [...problems, `${name}: DMS_SERVICE ${service} names no services/<x>/src/main.ts`];
  if (container['image'] !== 'dms:latest')
    problems.push(`${name}: image ${container['image']} is not dms:latest`);

  const definition = configOf(service);
  const rows = describeConfig(definition);
  const byEnv = new Map(rows.map((r) => [r.env, r]));
  const env: Record<string, string> = {};
  const scratch = mkdtempSync(join(tmpdir(), 'k8s-manifests-'));
  try {
    for (const entry of entries) {
      const row = byEnv.get(entry.name);
      const secretOf = entry.name.endsWith(SECRET_FILE_SUFFIX)
        ? byEnv.get(entry.name.slice(0, -SECRET_FILE_SUFFIX.length))
        : undefined;
      if (IMAGE_VARIABLES.has(entry.name)) continue;
      if (row?.secret) {
        problems.push(
          `${name}: secret ${entry.name} set as a value (${entry.from}); mount it and set ${row.fileEnv}`,
        );
      } else if (row !== undefined) {
        if (entry.value !== undefined) env[entry.name] = entry.value;
      } else if (secretOf?.secret) {
        const key = entry.value === undefined ? undefined : secretKeyAt(pod, container, entry.value);
        if (key === undefined) {
          problems.push(`${name}: ${entry.name}=${entry.value} is no key of dms-secrets mounted in the pod`);
        } else {
          // A stand-in value for the schema check: 8 characters for the SMPP password (its limit),
          // 40 for the others (the firmware download key needs at least 32).
          const file = join(scratch, key);
          writeFileSync(file, key === 'smsc-password' ? 'k8s-test' : 'k8s-test-'.padEnd(40, 'x'));
          env[entry.name] = file;
        }
      } else {
        problems.push(
          `${name}: ${entry.name} (${entry.from}) is no variable of services/${service}/src/config.ts`,
        );
      }
    }
    const given = new Set(entries.map((e) => e.name));
    const needed = [
      ...rows.filter((r) => r.required).map((r) => r.env),
      ...(NEEDED_BY_DEFAULTS[service] ?? []),
    ];
    for (const variable of needed)
      if (!given.has(variable) && !given.has(variable + SECRET_FILE_SUFFIX))
        problems.push(`${name}: required ${variable} is not provided`);
    let loaded: Record<string, unknown> = {};
    try {
      loaded = loadConfig(definition, env) as Record<string, unknown>;
    } catch (error) {
      problems.push(`${name}: ${service} refuses the manifest's values: ${(error as Error).message}`);
    }
    problems.push(...podProblems(m, deployment, container, service, loaded, labels));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return problems;
}

function podProblems(
  m: Manifests,
  deployment: Json,
  container: Json,
  service: string,
  loaded: Record<string, unknown>,
  labels: Json,
): string[] {
  const name: string = deployment['metadata']['name'];
  const pod = deployment['spec']['template']['spec'];
  const problems: string[] = [];
  const expectPath = (probe: string, path: string) => {
    const get = container[probe]?.['httpGet'];
    if (container[probe] !== undefined || probe !== 'startupProbe')
      if (get?.['path'] !== path) problems.push(`${name}: ${probe} is not an httpGet of ${path}`);
  };
  expectPath('readinessProbe', '/readyz');
  expectPath('livenessProbe', '/healthz');
  expectPath('startupProbe', '/healthz');
  const port = (container['ports'] ?? []).find((p: Json) => p['name'] === 'http')?.['containerPort'];
  if (port === undefined) problems.push(`${name}: no container port named http`);
  // (An unloadable config is reported already; its PORT is then unknown.)
  else if ('port' in loaded && port !== loaded['port'])
    problems.push(`${name}: port http ${port} is not PORT ${loaded['port']}`);
  const annotations = deployment['spec']['template']['metadata']['annotations'] ?? {};
  if (annotations['prometheus.io/scrape'] !== 'true' || Number(annotations['prometheus.io/port']) !== port)
    problems.push(`${name}: prometheus annotations do not point at port ${port}`);
  if (pod['securityContext']?.['runAsNonRoot'] !== true) problems.push(`${name}: runAsNonRoot is not set`);
  if (
    container['resources']?.['requests'] === undefined ||
    container['resources']?.['limits']?.['memory'] === undefined
  )
    problems.push(`${name}: resources without requests or a memory limit`);

  // The grace period must cover the preStop pause and the shutdown bound of main.ts.
  const main = readFileSync(join(ROOT, 'services', service, 'src', 'main.ts'), 'utf8');
  const literal = /shutdownTimeoutMs:\s*([\d_]+)/.exec(main)?.[1];
  const fromConfig = /shutdownTimeoutMs:\s*config\.shutdownTimeoutMs/.test(main);
  const boundMs = literal
    ? Number(literal.replace(/_/g, ''))
    : fromConfig
      ? Number(loaded['shutdownTimeoutMs'])
      : DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const preStop = container['lifecycle']?.['preStop']?.['exec']?.['command'] as string[] | undefined;
  const pauseS = preStop?.[0] === 'sleep' ? Number(preStop[1]) : 0;
  const grace = pod['terminationGracePeriodSeconds'] ?? 30;
  if (grace * 1000 <= boundMs + pauseS * 1000)
    problems.push(`${name}: terminationGracePeriodSeconds ${grace} is not above ${pauseS} s + ${boundMs} ms`);

  const selects = (selector: Json | undefined) =>
    selector !== undefined && Object.entries(selector).every(([k, v]) => labels[k] === v);
  if (!selects(deployment['spec']['selector']['matchLabels']))
    problems.push(`${name}: selector misses its pods`);
  const svc = named(m, 'Service', name);
  if (svc === undefined || !selects(svc['spec']['selector']))
    problems.push(`${name}: no Service selecting its pods`);
  else if (svc['spec']['ports'].some((p: Json) => p['targetPort'] !== 'http'))
    problems.push(`${name}: Service targetPort is not the container port http`);
  if (
    (deployment['spec']['replicas'] ?? 1) > 1 &&
    !ofKind(m, 'PodDisruptionBudget').some((p) => selects(p['spec']['selector']['matchLabels']))
  )
    problems.push(`${name}: ${deployment['spec']['replicas']} replicas without a PodDisruptionBudget`);
  return problems;
}

/** Literal secrets: Secret objects, keys named like secrets, PEM blocks, long hex or base64 strings. */
function secretLiterals(m: Manifests): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (/-----BEGIN|^[A-Fa-f0-9]{32,}$|^[A-Za-z0-9+/]{40,}={0,2}$/.test(node))
        found.push(`${path}: looks like a key`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (
        /password|passwd|secret|token|salt|private|apikey/i.test(key) &&
        key !== 'secretName' &&
        typeof value !== 'object'
      )
        found.push(`${path}.${key}: a secret written down`);
      walk(value, `${path}.${key}`);
    }
  };
  for (const doc of m.docs) {
    const where = `${doc['kind']} ${doc['metadata']?.['name']}`;
    if (doc['kind'] === 'Secret') found.push(`${where}: Secrets are created out of band, not committed`);
    walk(doc, where);
  }
  return found;
}

const clone = (m: Manifests): Manifests => ({ docs: structuredClone(m.docs), files: m.files });
const deploymentOf = (m: Manifests, name: string) => named(m, 'Deployment', name)!;
const containerOf = (m: Manifests, name: string) =>
  deploymentOf(m, name)['spec']['template']['spec']['containers'][0];

describe('k8s/base manifests', () => {
  const manifests = loadManifests();

  it('deploy every service under services/ (but embedded) with a Deployment and a Service', () => {
    const deployed = ofKind(manifests, 'Deployment').map((d) => d['metadata']['name']);
    const services = ofKind(manifests, 'Service').map((d) => d['metadata']['name']);
    expect(deployed.sort()).toEqual([...serviceFolders].sort());
    expect(services).toEqual(expect.arrayContaining(serviceFolders));
  });

  it.each(serviceFolders)(
    '%s: variables known and required ones given, valid values, probes, grace, PDB',
    (service) => {
      const deployment = named(manifests, 'Deployment', service);
      expect(deployment).toBeDefined();
      expect(deploymentProblems(manifests, deployment!)).toEqual([]);
    },
  );

  it('write down no secret value', () => {
    expect(secretLiterals(manifests)).toEqual([]);
  });

  it('name in k8s/README.md every key of dms-secrets the pods mount', () => {
    const readme = readFileSync(join(ROOT, 'k8s', 'README.md'), 'utf8');
    const keys = ofKind(manifests, 'Deployment').flatMap((d) =>
      (d['spec']['template']['spec']['volumes'] ?? []).flatMap((v: Json) =>
        v['secret']?.['secretName'] === 'dms-secrets'
          ? (v['secret']['items'] ?? []).map((i: Json) => i['key'])
          : [],
      ),
    );
    for (const key of new Set(keys)) expect(readme).toContain(`--from-literal=${key}=`);
  });

  it('route every Ingress path to a Service and port that exist, /dm to dm-gateway at DMS_DM_PUBLIC_URL', () => {
    const routes = ofKind(manifests, 'Ingress').flatMap((ingress) =>
      ingress['spec']['rules'].flatMap((rule: Json) =>
        rule['http']['paths'].map((p: Json) => ({
          host: rule['host'],
          path: p['path'],
          backend: p['backend']['service'],
        })),
      ),
    );
    for (const { backend } of routes) {
      const svc = named(manifests, 'Service', backend['name']);
      expect(svc?.['spec']['ports'].map((p: Json) => p['name'])).toContain(backend['port']['name']);
    }
    const publicUrl = new URL(named(manifests, 'ConfigMap', 'dm-gateway')!['data']['DMS_DM_PUBLIC_URL']);
    expect(routes).toContainEqual({
      host: publicUrl.hostname,
      path: publicUrl.pathname,
      backend: expect.objectContaining({ name: 'dm-gateway' }),
    });
    for (const path of ['/', '/api/v1/console'])
      expect(routes).toContainEqual(
        expect.objectContaining({ path, backend: expect.objectContaining({ name: 'console' }) }),
      );
    // Health and metrics stay inside the cluster.
    expect(routes.filter((r) => /healthz|readyz|metrics/.test(r.path))).toEqual([]);
  });

  it('ship an operator profile the config service accepts', () => {
    const profile = named(manifests, 'ConfigMap', 'config-operator-profile')!['data'][
      'operator-profile.json'
    ];
    expect(NewProfile.safeParse(JSON.parse(profile)).success).toBe(true);
  });

  // The checks themselves: each mistake below, made on a copy of the real manifests, is caught.
  describe('catch', () => {
    it('a misspelt variable', () => {
      const m = clone(manifests);
      named(m, 'ConfigMap', 'dm-gateway')!['data']['DMS_SMSC_SYSTEMID'] = 'dms';
      expect(deploymentProblems(m, deploymentOf(m, 'dm-gateway'))).toEqual([
        expect.stringContaining('DMS_SMSC_SYSTEMID (ConfigMap dm-gateway) is no variable'),
      ]);
    });

    it('a missing required secret, and a secret given as a value', () => {
      const m = clone(manifests);
      const container = containerOf(m, 'diagnostics');
      const env: Json[] = container['env'].filter((e: Json) => e['name'] !== 'DMS_ADMIN_TOKEN_FILE');
      container['env'] = [...env, { name: 'DMS_ADMIN_TOKEN', value: 'changeme' }];
      expect(deploymentProblems(m, deploymentOf(m, 'diagnostics'))).toEqual(
        expect.arrayContaining([expect.stringContaining('secret DMS_ADMIN_TOKEN set as a value')]),
      );
      container['env'] = env;
      expect(deploymentProblems(m, deploymentOf(m, 'diagnostics'))).toEqual(
        expect.arrayContaining([expect.stringContaining('required DMS_ADMIN_TOKEN is not provided')]),
      );
    });

    it('the salt subscriber-terminal cannot start without, and a secret file not mounted', () => {
      const m = clone(manifests);
      const env: Json[] = containerOf(m, 'subscriber-terminal')['env'];
      env.find((e) => e['name'] === 'DMS_ST_ANONYMISE_SALT_FILE')!['value'] = '/var/run/secrets/dms/salt';
      expect(deploymentProblems(m, deploymentOf(m, 'subscriber-terminal'))).toEqual([
        expect.stringContaining(
          'DMS_ST_ANONYMISE_SALT_FILE=/var/run/secrets/dms/salt is no key of dms-secrets',
        ),
      ]);
      env.splice(
        env.findIndex((e) => e['name'] === 'DMS_ST_ANONYMISE_SALT_FILE'),
        1,
      );
      expect(deploymentProblems(m, deploymentOf(m, 'subscriber-terminal'))).toEqual([
        expect.stringContaining('required DMS_ST_ANONYMISE_SALT is not provided'),
      ]);
    });

    it('a value the service refuses, a wrong probe path, a short grace period, a lost PDB', () => {
      const m = clone(manifests);
      named(m, 'ConfigMap', 'dm-gateway')!['data']['DMS_SMSC_PORT'] = 'smpp';
      containerOf(m, 'console')['readinessProbe']['httpGet']['path'] = '/health';
      deploymentOf(m, 'console')['spec']['template']['spec']['terminationGracePeriodSeconds'] = 10;
      m.docs = m.docs.filter(
        (d) => !(d['kind'] === 'PodDisruptionBudget' && d['metadata']['name'] === 'console'),
      );
      expect(deploymentProblems(m, deploymentOf(m, 'dm-gateway'))).toEqual([
        expect.stringContaining('DMS_SMSC_PORT'),
      ]);
      expect(deploymentProblems(m, deploymentOf(m, 'console'))).toEqual([
        expect.stringContaining('readinessProbe is not an httpGet of /readyz'),
        expect.stringContaining('terminationGracePeriodSeconds 10'),
        expect.stringContaining('2 replicas without a PodDisruptionBudget'),
      ]);
    });

    it('a password in a ConfigMap and a committed Secret', () => {
      const m = clone(manifests);
      named(m, 'ConfigMap', 'dm-gateway')!['data']['DMS_SMSC_PASSWORD'] = 'hunter2';
      m.docs.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'dms-secrets' },
        stringData: { 'admin-token': 'x' },
      });
      expect(secretLiterals(m)).toEqual([
        expect.stringContaining('DMS_SMSC_PASSWORD: a secret written down'),
        expect.stringContaining('Secret dms-secrets: Secrets are created out of band'),
        expect.stringContaining('admin-token: a secret written down'),
      ]);
    });
  });
});

describe('deploy/docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8');

  it('installs the pnpm of package.json packageManager', () => {
    const manager = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string }
    ).packageManager;
    expect(dockerfile).toContain(`npm i -g ${manager}`);
  });

  it('copies every workspace package and keeps local state out of the build context', () => {
    for (const dir of ['libs', 'services'])
      expect(dockerfile).toMatch(new RegExp(`^COPY ${dir} \\./${dir}$`, 'm'));
    expect(dockerfile).toContain('COPY test/package.json ./test/package.json');
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
    for (const pattern of ['**/node_modules', 'data', '**/data', '.infra'])
      expect(ignored.split('\n')).toContain(pattern);
  });
});
