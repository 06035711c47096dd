import type * as ts from 'typescript';
import { awsPackageOfFile } from './typeInfo.js';

/** Facts about a whole TypeScript Program, computed once per Program object (typescript-eslint reuses it across files). */
export interface ProgramFacts {
  /**
   * The Program holds declarations of an AWS package our rules read (the KMS or S3 clients, lib-storage, the
   * presigner, v2 `aws-sdk`, the Encryption SDK): some module, the project's own or a workspace package's,
   * imports it. Without them no expression in the Program can have an SDK type.
   */
  importsAwsSdk: boolean;
  /**
   * The Program holds the declarations of the KMS client or SDK v2, where every KMS response type is declared. Without
   * them (packages not installed, or a project that uses neither) no value can have a KMS response type, whatever
   * wrapper it comes through: the data-key tracking then asks the checker nothing about unknown calls.
   */
  declaresKmsResponses: boolean;
}

const cache = new WeakMap<ts.Program, ProgramFacts>();
const relevantPackages = /^(?:@aws-sdk\/(?:client-kms|client-s3|lib-storage|s3-request-presigner)|aws-sdk|@aws-crypto\/.+)$/;
const awsImport = /['"](?:@aws-sdk\/|aws-sdk['"/]|@aws-crypto\/)/;

export function programFacts(program: ts.Program): ProgramFacts {
  let facts = cache.get(program);
  if (!facts) {
    let importsAwsSdk = false;
    let declaresKmsResponses = false;
    for (const file of program.getSourceFiles()) {
      const pkg = awsPackageOfFile(file.fileName.replace(/\\/g, '/'));
      if (pkg === '@aws-sdk/client-kms' || pkg === 'aws-sdk') declaresKmsResponses = true;
      // The second test: a project file importing the SDK while its declarations are not installed (any-typed).
      if (pkg ? relevantPackages.test(pkg) : !file.isDeclarationFile && awsImport.test(file.text)) importsAwsSdk = true;
      if (importsAwsSdk && declaresKmsResponses) break;
    }
    facts = { importsAwsSdk, declaresKmsResponses };
    cache.set(program, facts);
  }
  return facts;
}
