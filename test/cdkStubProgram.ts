// Typed linting without a project on disk: an in-memory TypeScript Program holding the case's code and a few tiny
// declaration stubs of aws-cdk-lib (our own words, a handful of members each), laid out under node_modules as the
// real package is, so that typed recognition (the declaring file's path) answers as it does on a real stack. With
// no default library and four small files, a Program costs milliseconds: cheap enough for StrykerJS to run these
// cases for every mutant they cover, where a case on the real aws-cdk-lib costs seconds.
import ts from 'typescript';

const root = '/stub';
export const stubFileName = `${root}/stack.ts`;

const lib = `${root}/node_modules/aws-cdk-lib`;
const stubs: Record<string, string> = {
  [`${lib}/package.json`]: '{ "name": "aws-cdk-lib", "types": "index.d.ts" }',
  [`${lib}/index.d.ts`]: `export * as aws_s3 from './aws-s3';
export * as aws_kms from './aws-kms';
export * as aws_s3_deployment from './aws-s3-deployment';
export { App, Stack, Duration } from './core';`,
  [`${lib}/core/index.d.ts`]: `export declare class App {}
export declare class Stack { constructor(scope?: App, id?: string); }
export declare class Duration { static days(amount: number): Duration; }`,
  [`${lib}/aws-kms/index.d.ts`]: `import { Stack, Duration } from '../core';
export declare enum KeySpec { SYMMETRIC_DEFAULT = 'SYMMETRIC_DEFAULT', RSA_2048 = 'RSA_2048', HMAC_256 = 'HMAC_256' }
export interface IKey { readonly keyArn: string; }
export interface KeyProps { enableKeyRotation?: boolean; rotationPeriod?: Duration; keySpec?: KeySpec; }
export declare class Key implements IKey {
  static fromKeyArn(scope: Stack, id: string, arn: string): IKey;
  constructor(scope: Stack, id: string, props?: KeyProps);
  readonly keyArn: string;
}
export declare class CfnKey { constructor(scope: Stack, id: string, props?: object); }`,
  [`${lib}/aws-s3/index.d.ts`]: `import { Stack } from '../core';
import { IKey } from '../aws-kms';
export declare enum BucketEncryption { UNENCRYPTED = 'UNENCRYPTED', KMS_MANAGED = 'KMS_MANAGED', S3_MANAGED = 'S3_MANAGED', KMS = 'KMS', DSSE = 'DSSE' }
export interface BucketProps { encryption?: BucketEncryption; encryptionKey?: IKey; bucketKeyEnabled?: boolean; }
export declare class Bucket { constructor(scope: Stack, id: string, props?: BucketProps); }
export declare class CfnBucket { constructor(scope: Stack, id: string, props?: object); }`,
  [`${lib}/aws-s3-deployment/index.d.ts`]: `import { Stack } from '../core';
export declare enum ServerSideEncryption { AES_256 = 'AES256', AWS_KMS = 'aws:kms', AWS_KMS_DSSE = 'aws:kms:dsse' }
export declare class BucketDeployment { constructor(scope: Stack, id: string, props: object); }`,
  // The project's own modules: a barrel re-exporting the CDK's names under others, a class named like the CDK's,
  // and a look-alike of aws-s3 that a path alias puts in the package's place (as test setups do).
  [`${root}/barrel.ts`]: `export { Bucket as Store, BucketEncryption as Enc } from 'aws-cdk-lib/aws-s3';
export { Key as Master, KeySpec as Spec } from 'aws-cdk-lib/aws-kms';`,
  [`${root}/local.ts`]: `export class Bucket { constructor(scope: unknown, id: string, props?: object) {} }
export enum BucketEncryption { KMS = 'KMS' }`,
  [`${root}/fake-s3.ts`]: `export { Bucket, BucketEncryption } from './local';`,
};

const options: ts.CompilerOptions = {
  noLib: true,
  types: [],
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strictNullChecks: true,
  baseUrl: root,
  // v1's module name resolves to the project's look-alike: imports say CDK, the declarations do not.
  paths: { '@aws-cdk/aws-s3': ['./fake-s3.ts'] },
  noEmit: true,
};

/** A Program of the stubs and `code` as /stub/stack.ts. */
export function stubProgram(code: string): ts.Program {
  const files: Record<string, string> = { ...stubs, [stubFileName]: code };
  const host: ts.CompilerHost = {
    fileExists: (f) => f in files,
    readFile: (f) => files[f],
    directoryExists: (d) => Object.keys(files).some((f) => f.startsWith(`${d}/`)),
    getSourceFile: (f, version) => (f in files ? ts.createSourceFile(f, files[f], version, true) : undefined),
    getDefaultLibFileName: () => `${root}/lib.d.ts`,
    writeFile: () => {},
    getCurrentDirectory: () => root,
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    getDirectories: () => [],
  };
  return ts.createProgram([stubFileName], options, host);
}
