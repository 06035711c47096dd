import type * as ts from 'typescript';

/** Facts about a whole TypeScript Program, computed once per Program object (typescript-eslint reuses it across files). */
export interface ProgramFacts {
  /** Some project file (not a declaration file, not in node_modules) imports or requires the AWS SDK. */
  importsAwsSdk: boolean;
}

const cache = new WeakMap<ts.Program, ProgramFacts>();
const awsImport = /['"](?:@aws-sdk\/|aws-sdk['"/]|@aws-crypto\/)/;

export function programFacts(program: ts.Program): ProgramFacts {
  let facts = cache.get(program);
  if (!facts) {
    let importsAwsSdk = false;
    for (const file of program.getSourceFiles()) {
      if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file) || program.isSourceFileDefaultLibrary(file)) continue;
      if (awsImport.test(file.text)) {
        importsAwsSdk = true;
        break;
      }
    }
    facts = { importsAwsSdk };
    cache.set(program, facts);
  }
  return facts;
}
