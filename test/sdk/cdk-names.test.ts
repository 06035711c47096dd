// The CDK submodule a declaration file belongs to, from its path: what typed recognition (src/sdk/cdk.ts) asks of a
// class or enum symbol's declaration. A pure function, tested without a type checker (untyped).
import { describe, expect, it } from 'vitest';
import { cdkSubmoduleOfFile } from '../../src/sdk/cdk.js';

describe('cdkSubmoduleOfFile (untyped)', () => {
  it('reads the submodule of aws-cdk-lib (npm, pnpm) and of v1 @aws-cdk packages', () => {
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/aws-cdk-lib/aws-s3/lib/bucket.d.ts')).toBe('aws-s3');
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/aws-cdk-lib/core/lib/duration.d.ts')).toBe('core');
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/.pnpm/aws-cdk-lib@2.170.0_constructs@10.4.2/node_modules/aws-cdk-lib/aws-kms/lib/key.d.ts')).toBe('aws-kms');
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/@aws-cdk/aws-s3-deployment/lib/bucket-deployment.d.ts')).toBe('aws-s3-deployment');
  });
  it('reads Windows paths', () => {
    expect(cdkSubmoduleOfFile('C:\\work\\app\\node_modules\\aws-cdk-lib\\aws-kms\\lib\\key.d.ts')).toBe('aws-kms');
  });
  it('is null outside an installed CDK package', () => {
    expect(cdkSubmoduleOfFile(undefined)).toBeNull();
    expect(cdkSubmoduleOfFile('')).toBeNull();
    // The project's own folder named like the package, look-alike packages, the package root's index.
    expect(cdkSubmoduleOfFile('/srv/app/src/aws-cdk-lib/aws-s3/bucket.ts')).toBeNull();
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/my-aws-cdk-lib/aws-s3/index.d.ts')).toBeNull();
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/aws-cdk-lib-extras/aws-s3/index.d.ts')).toBeNull();
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/@aws-cdk-extras/aws-s3/index.d.ts')).toBeNull();
    expect(cdkSubmoduleOfFile('/srv/app/node_modules/aws-cdk-lib/index.d.ts')).toBeNull();
  });
});
