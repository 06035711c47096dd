// What a synthesized CloudFormation template deploys, judged on its own (no rule code): the SSE-KMS buckets and
// deployments without an S3 Bucket Key, and the KMS keys whose rotation is missing, impossible or out of range.
// AWS: AWS::S3::Bucket ServerSideEncryptionRule.BucketKeyEnabled (absent means off), AWS::KMS::Key EnableKeyRotation
// (symmetric encryption keys with KMS-made material only) and RotationPeriodInDays (90..2560).

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
