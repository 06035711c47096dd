// What `node --import eslint-plugin-kms/engine/register app.js` does (register.ts runs it): a whole
// application runs against an in-memory engine, no AWS account and no network:
// - every SDK v3 KMS and S3 client of the process is answered by it (installKmsEngine);
// - SDK v2 clients (aws-sdk, when the application has it) are sent to a loopback server of the same engine,
//   through v2's public per-service configuration (AWS.config.kms / AWS.config.s3 endpoints);
// - the keys come from the seed file KMS_ENGINE_SEED names (JSON, or YAML with js-yaml installed).
// KMS_ENGINE_REFUSE_OTHER_SERVICES=1 refuses every other v3 service instead of letting it reach AWS.
import { createRequire } from 'node:module';
import path from 'node:path';
import { installKmsEngine, type InstalledKmsEngine } from './install/index.js';
import { readSeedFile, seedKmsEngine, type KmsEngineSeed } from './seed.js';
import { startKmsEngineServer } from './server.js';

/** The environment variable naming the seed file. */
export const SEED_VARIABLE = 'KMS_ENGINE_SEED';
export const REFUSE_VARIABLE = 'KMS_ENGINE_REFUSE_OTHER_SERVICES';

interface AwsSdkV2 {
  config: { update(options: Record<string, unknown>): void };
  Credentials: new (accessKeyId: string, secretAccessKey: string) => unknown;
}

export interface RegisteredEngine {
  engine: InstalledKmsEngine;
  /** Keys created from the seed. */
  seeded: number;
  /** The loopback URL v2 clients are sent to, when aws-sdk v2 is installed. */
  v2Endpoint?: string;
  close(): Promise<void>;
}

function loadAwsSdkV2(cwd: string): AwsSdkV2 | undefined {
  try {
    return createRequire(path.join(cwd, 'package.json'))('aws-sdk') as AwsSdkV2;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/** What the register entry does, callable (and testable) on its own. */
export async function registerKmsEngine(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<RegisteredEngine> {
  const seedFile = env[SEED_VARIABLE];
  const seed: KmsEngineSeed = seedFile ? readSeedFile(seedFile, cwd) : { keys: [] };
  const refuse = env[REFUSE_VARIABLE];
  if (refuse !== undefined && refuse !== '0' && refuse !== '1') {
    throw new Error(`kms-engine: ${REFUSE_VARIABLE} must be 1 or 0, got "${refuse}"`);
  }
  const engine = installKmsEngine({ region: seed.region, accountId: seed.accountId, refuseOtherServices: refuse === '1', searchFrom: [cwd] });
  let close = async () => engine.uninstall();
  try {
    const seeded = seedKmsEngine(engine, seed).length;
    const aws = loadAwsSdkV2(cwd);
    if (!aws) return { engine, seeded, close };
    const server = await startKmsEngineServer({ engine, logger: () => undefined, keepProcessAlive: false });
    const credentials = engine.credentialsFor();
    aws.config.update({
      region: engine.region,
      credentials: new aws.Credentials(credentials.accessKeyId, credentials.secretAccessKey),
      kms: { endpoint: server.url },
      s3: { endpoint: server.url, s3ForcePathStyle: true },
    });
    close = async () => {
      engine.uninstall();
      await server.close();
    };
    return { engine, seeded, v2Endpoint: server.url, close };
  } catch (error) {
    engine.uninstall();
    throw error;
  }
}
