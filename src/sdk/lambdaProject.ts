// Is a file part of a Lambda project? Helper modules of a Lambda function (`envSecret(name)` in lib/secrets.js)
// export no `handler`, yet decrypt the function's environment the same way. The project says what it deploys:
// a Lambda runtime dependency in the nearest package.json, a Serverless Framework or SAM template beside it, or a
// folder named `lambda`/`lambdas` on the file's path. Read from disk once per folder and package.json version.
import fs from 'node:fs';
import path from 'node:path';

/** Packages only Lambda code depends on: its types, middleware, adapters and Powertools. */
const lambdaDependency = /^(?:@types\/aws-lambda|aws-lambda|@middy\/core|middy|serverless-http|aws-serverless-express|@vendia\/serverless-express|@codegenie\/serverless-express|lambda-api|@aws-lambda-powertools\/.+)$/;
const serverlessTemplates = ['serverless.yml', 'serverless.yaml', 'serverless.ts', 'serverless.js', 'serverless.json'];
const samTemplates = ['template.yaml', 'template.yml', 'template.json'];
const MAX_LEVELS = 8;

const byFolder = new Map<string, { stamp: string; lambda: boolean | null }>();

function stampOf(file: string): string {
  try {
    // Most folders on the way up have no package.json: no exception (and its stack) for each of them.
    const s = fs.statSync(file, { throwIfNoEntry: false });
    return s ? `${s.mtimeMs}:${s.size}` : '-';
  } catch {
    return '-';
  }
}

/** What one folder says: true (a Lambda project), false (a package that is not), null (nothing: look further up). */
function folderVerdict(dir: string): boolean | null {
  const manifest = path.join(dir, 'package.json');
  const stamp = stampOf(manifest);
  const cached = byFolder.get(dir);
  if (cached && cached.stamp === stamp) return cached.lambda;
  let lambda: boolean | null = null;
  if (serverlessTemplates.some((f) => fs.existsSync(path.join(dir, f)))) lambda = true;
  for (const f of samTemplates) {
    if (lambda) break;
    try {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      if (/AWS::Serverless::Function|AWS::Lambda::Function/.test(text)) lambda = true;
    } catch {
      // no template here
    }
  }
  if (!lambda && stamp !== '-') {
    try {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
      const names = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) => {
        const deps = pkg[k];
        return deps && typeof deps === 'object' ? Object.keys(deps) : [];
      });
      // Otherwise look further up: a workspace root may hold the deployment tooling for all its packages.
      lambda = names.some((n) => lambdaDependency.test(n)) ? true : null;
    } catch {
      lambda = null;
    }
  }
  byFolder.set(dir, { stamp, lambda });
  return lambda;
}

/** True when the file sits in a Lambda project (see above); false for virtual file names (`<input>`). */
export function fileInLambdaProject(filename: string): boolean {
  if (!path.isAbsolute(filename)) return false;
  let dir = path.dirname(filename);
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (/^lambdas?$|^lambda[-_]/i.test(path.basename(dir))) return true;
    if (folderVerdict(dir)) return true;
    // The repository's root is as far as a project reaches.
    if (fs.existsSync(path.join(dir, '.git'))) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
  return false;
}
