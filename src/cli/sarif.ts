import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';
import { docsBaseUrl } from '../util/createRule.js';
import type { Summary } from './summary.js';

type SarifFormatter = (results: ESLint.LintResult[], data: { cwd: string; rulesMeta: ESLint.LintResultData['rulesMeta'] }) => string;
const formatSarif = createRequire(import.meta.url)('@microsoft/eslint-formatter-sarif') as SarifFormatter;

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; version?: string; informationUri?: string } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    artifacts?: Array<{ location: ArtifactLocation }>;
    results?: Array<{ locations?: Array<{ physicalLocation?: { artifactLocation?: ArtifactLocation } }> }>;
    invocations?: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }>;
    properties?: Record<string, unknown>;
  }>;
}

const ROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 from Microsoft's ESLint formatter (rule ids, help URIs from meta.docs.url, regions),
 * with file URIs made relative to the lint root. Code scanning and other SARIF viewers resolve
 * relative URIs against the checkout, so the report stays valid on another machine.
 */
export function toSarif(
  results: ESLint.LintResult[],
  rulesMeta: ESLint.LintResultData['rulesMeta'],
  cwd: string,
  version: string,
  coverage?: { summary: Summary; text: string },
): string {
  const log = JSON.parse(formatSarif(results, { cwd, rulesMeta })) as SarifLog;
  const rootUri = pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href;
  const relativize = (location: ArtifactLocation | undefined): void => {
    if (location?.uri.startsWith(rootUri)) {
      location.uri = location.uri.slice(rootUri.length);
      location.uriBaseId = ROOT;
    }
  };
  for (const run of log.runs) {
    run.tool.driver = { ...run.tool.driver, name: 'kms-lint', version, informationUri: docsBaseUrl.replace(/rules-docs\/$/, '') };
    run.originalUriBaseIds = { [ROOT]: { uri: rootUri } };
    for (const artifact of run.artifacts ?? []) relativize(artifact.location);
    for (const result of run.results ?? []) {
      for (const location of result.locations ?? []) relativize(location.physicalLocation?.artifactLocation);
    }
    if (coverage !== undefined) {
      // What was looked at: the summary line as a notification, its counts as run properties (SARIF 3.19.20).
      run.invocations ??= [{ executionSuccessful: true }];
      const invocation = run.invocations[0];
      invocation.toolExecutionNotifications = [
        ...(invocation.toolExecutionNotifications ?? []),
        { descriptor: { id: 'kms-lint/summary' }, level: 'note', message: { text: coverage.text } },
      ];
      run.properties = { ...run.properties, kmsLint: coverage.summary };
    }
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}
