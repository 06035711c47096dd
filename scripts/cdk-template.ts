// What a synthesized CloudFormation template deploys, judged on its own (no rule code): the SSE-KMS buckets and
// deployments without an S3 Bucket Key, and the KMS keys whose rotation is missing, impossible or out of range.
// AWS: AWS::S3::Bucket ServerSideEncryptionRule.BucketKeyEnabled (absent means off), AWS::KMS::Key EnableKeyRotation
// (symmetric encryption keys with KMS-made material only) and RotationPeriodInDays (90..2560).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Template {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

type Rule = { BucketKeyEnabled?: unknown; ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown } };

function sseRules(properties: Record<string, unknown> | undefined): Rule[] {
  const encryption = properties?.BucketEncryption as { ServerSideEncryptionConfiguration?: Rule[] } | undefined;
  return encryption?.ServerSideEncryptionConfiguration ?? [];
}

export function templateDefects(template: Template): { 'require-bucket-key': string[]; 'require-key-rotation': string[] } {
  const resources = template.Resources ?? {};
  const bucketKey: string[] = [];
  const rotation: string[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const p = resource.Properties;
    if (resource.Type === 'AWS::S3::Bucket') {
      for (const rule of sseRules(p)) {
        if (rule.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms' && rule.BucketKeyEnabled !== true) bucketKey.push(`${id}: SSE-KMS rule without BucketKeyEnabled`);
      }
    }
    if (resource.Type === 'Custom::CDKBucketDeployment') {
      const sse = (p?.SystemMetadata as { sse?: unknown } | undefined)?.sse;
      const ref = (p?.DestinationBucketName as { Ref?: string } | undefined)?.Ref;
      const bucket = ref ? resources[ref] : undefined;
      if (sse === 'aws:kms' && bucket && !sseRules(bucket.Properties).some((r) => r.BucketKeyEnabled === true)) {
        bucketKey.push(`${id}: SSE-KMS uploads into ${ref}, which has no bucket key`);
      }
    }
    if (resource.Type === 'AWS::KMS::Key') {
      const spec = p?.KeySpec ?? 'SYMMETRIC_DEFAULT';
      const origin = p?.Origin ?? 'AWS_KMS';
      const rotatable = spec === 'SYMMETRIC_DEFAULT' && origin === 'AWS_KMS';
      if (rotatable && p?.EnableKeyRotation !== true) rotation.push(`${id}: symmetric key without EnableKeyRotation`);
      if (!rotatable && p?.EnableKeyRotation === true) rotation.push(`${id}: EnableKeyRotation on a ${String(spec)}/${String(origin)} key`);
      const period = p?.RotationPeriodInDays;
      if (typeof period === 'number' && (period < 90 || period > 2560)) rotation.push(`${id}: RotationPeriodInDays ${period}`);
    }
  }
  return { 'require-bucket-key': bucketKey, 'require-key-rotation': rotation };
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const CDK_FIXTURES_DIR = path.resolve(here, '../fixtures/cdk');

export function listCdkFixtures(kind: 'safe' | 'unsafe'): string[] {
  const dir = path.join(CDK_FIXTURES_DIR, kind);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

interface FixtureModule {
  FixtureStack: new (scope: unknown, id: string) => unknown;
  synthError?: RegExp;
}

export interface SynthResult {
  template?: Template;
  error?: Error;
  /** The error the fixture declares CDK must raise (unsafe stacks CDK itself refuses). */
  synthError?: RegExp;
}

/** Synthesizes a fixture's stack with `new App()` (no environment: no lookups, no credentials, no network). */
export async function synthesizeFixture(file: string): Promise<SynthResult> {
  const { App } = await import('aws-cdk-lib');
  const { Template } = await import('aws-cdk-lib/assertions');
  const mod = (await import(pathToFileURL(file).href)) as FixtureModule;
  try {
    const stack = new mod.FixtureStack(new App(), 'Fixture');
    return { template: Template.fromStack(stack as never).toJSON() as Template, synthError: mod.synthError };
  } catch (error) {
    return { error: error as Error, synthError: mod.synthError };
  }
}

// `tsx scripts/cdk-template.ts`: synthesizes every CDK fixture and prints what its template deploys.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let failures = 0;
  for (const kind of ['safe', 'unsafe'] as const) {
    for (const file of listCdkFixtures(kind)) {
      const name = path.relative(CDK_FIXTURES_DIR, file);
      const result = await synthesizeFixture(file);
      if (result.error) {
        const expected = !!result.synthError && result.synthError.test(result.error.message);
        if (!expected) failures++;
        console.log(`${expected ? 'ok  ' : 'FAIL'} ${name}: CDK refuses the stack (${result.error.message.split('\n')[0]})`);
        continue;
      }
      const defects = templateDefects(result.template!);
      const all = [...defects['require-bucket-key'], ...defects['require-key-rotation']];
      const ok = kind === 'safe' ? all.length === 0 && !result.synthError : all.length > 0 || !!result.synthError;
      if (!ok) failures++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${all.length === 0 ? 'template has every bucket key and key rotation it needs' : all.join('; ')}`);
    }
  }
  process.exitCode = failures > 0 ? 1 : 0;
}
