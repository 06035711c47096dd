// The SDK the install tests drive: the lockfile's, or (npm run test:sdk-compat) an older 3.x installed into the
// folder KMS_SDK_COMPAT_DIR names. Loaded through Node's require, as an application loads it.
import { createRequire } from 'node:module';
import path from 'node:path';

export const compatDir = process.env.KMS_SDK_COMPAT_DIR;
const load = createRequire(compatDir ? path.join(compatDir, 'package.json') : import.meta.url);

export const kmsSdk = load('@aws-sdk/client-kms') as typeof import('@aws-sdk/client-kms');
export const s3Sdk = load('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
// Another service, from the lockfile always: the compat folder holds KMS and S3 only.
export const dynamoSdk = createRequire(import.meta.url)('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
/** Where install searches: the compat folder (and so its copy and the lockfile's), else the working directory. */
export const searchFrom = compatDir ? [compatDir] : undefined;
export const sdkVersions = {
  kms: (load('@aws-sdk/client-kms/package.json') as { version: string }).version,
  s3: (load('@aws-sdk/client-s3/package.json') as { version: string }).version,
};
