// fileInLambdaProject: what makes a folder a Lambda project, how far up it looks, and that it notices changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileInLambdaProject } from '../../src/sdk/lambdaProject.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lambda-project-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A repository (a folder with `.git`) holding `files`; returns the path of a source file `depth` folders down. */
function repo(files: Record<string, string>, fileAt = 'src/a.js'): string {
  const dir = path.join(root, `r${n++}`);
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return path.join(dir, fileAt);
}
const manifest = (field: string, name: string) => ({ 'package.json': JSON.stringify({ [field]: { [name]: '1' } }) });

describe('fileInLambdaProject', () => {
  it.each([
    '@types/aws-lambda',
    'aws-lambda',
    '@middy/core',
    'middy',
    'serverless-http',
    'aws-serverless-express',
    '@vendia/serverless-express',
    '@codegenie/serverless-express',
    'lambda-api',
    '@aws-lambda-powertools/logger',
  ])('a dependency on %s makes a Lambda project', (name) => {
    expect(fileInLambdaProject(repo(manifest('dependencies', name)))).toBe(true);
  });

  it.each(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'])('%s count', (field) => {
    expect(fileInLambdaProject(repo(manifest(field, '@types/aws-lambda')))).toBe(true);
  });

  it.each(['aws-lambda-fake', 'my-aws-lambda', '@types/aws-lambda-extra', 'middy-tools', '@aws-lambda-powertools', 'express'])(
    'a dependency on %s does not',
    (name) => {
      expect(fileInLambdaProject(repo(manifest('dependencies', name)))).toBe(false);
    },
  );

  it('a manifest whose dependency fields are not objects, or that is not JSON, says nothing', () => {
    expect(fileInLambdaProject(repo({ 'package.json': JSON.stringify({ dependencies: ['@types/aws-lambda'], devDependencies: null }) }))).toBe(false);
    expect(fileInLambdaProject(repo({ 'package.json': '{ not json' }))).toBe(false);
  });

  it.each(['serverless.yml', 'serverless.yaml', 'serverless.ts', 'serverless.js', 'serverless.json'])('a %s beside a parent folder', (file) => {
    expect(fileInLambdaProject(repo({ [file]: 'service: x\n' }, 'packages/api/src/a.js'))).toBe(true);
  });

  it.each(['template.yaml', 'template.yml', 'template.json'])('a %s that declares a function, not one that does not', (file) => {
    expect(fileInLambdaProject(repo({ [file]: 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n' }))).toBe(true);
    expect(fileInLambdaProject(repo({ [file]: '{"Resources":{"F":{"Type":"AWS::Lambda::Function"}}}' }))).toBe(true);
    expect(fileInLambdaProject(repo({ [file]: 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n' }))).toBe(false);
  });

  it.each([
    ['lambda/a.js', true],
    ['lambdas/orders/a.js', true],
    ['Lambda-orders/a.js', true],
    ['lambda_jobs/a.js', true],
    ['lambdaish/a.js', false],
    ['my-lambda/a.js', false],
  ])('a file at %s: %s', (at, expected) => {
    expect(fileInLambdaProject(repo({ 'package.json': '{}' }, at))).toBe(expected);
  });

  it('stops at the repository root: a Lambda project above it is something else', () => {
    const file = repo({ 'package.json': '{}' });
    fs.writeFileSync(path.join(path.dirname(path.dirname(path.dirname(file))), 'serverless.yml'), 'service: outer\n');
    try {
      expect(fileInLambdaProject(file)).toBe(false);
    } finally {
      fs.rmSync(path.join(root, 'serverless.yml'));
    }
  });

  it('looks eight folders up at most', () => {
    expect(fileInLambdaProject(repo(manifest('dependencies', 'aws-lambda'), 'a/b/c/d/e/f/g/x.js'))).toBe(true);
    expect(fileInLambdaProject(repo(manifest('dependencies', 'aws-lambda'), 'a/b/c/d/e/f/g/h/x.js'))).toBe(false);
  });

  it('reads a package.json again when it changes, and not a folder whose manifest did not change', () => {
    const file = repo({ 'package.json': '{}' });
    const pkg = path.join(path.dirname(path.dirname(file)), 'package.json');
    expect(fileInLambdaProject(file)).toBe(false);
    fs.writeFileSync(pkg, JSON.stringify({ dependencies: { 'aws-lambda': '1' } }));
    fs.utimesSync(pkg, 1_700_000_000, 1_700_000_000);
    expect(fileInLambdaProject(file)).toBe(true);
    // Same size and mtime: the verdict read before stands (the manifest is not parsed again).
    fs.writeFileSync(pkg, JSON.stringify({ dependencies: { 'express-ok': '1' } }));
    fs.utimesSync(pkg, 1_700_000_000, 1_700_000_000);
    expect(fileInLambdaProject(file)).toBe(true);
  });

  it('virtual and relative file names are never in a project', () => {
    expect(fileInLambdaProject('<input>')).toBe(false);
    expect(fileInLambdaProject('src/lambda/a.js')).toBe(false);
  });
});
