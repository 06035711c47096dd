// eslint-plugin-kms/engine/register: `node --import eslint-plugin-kms/engine/register app.js`. See registration.ts.
// An unusable seed stops the application before it starts, with the reason.
import { registerKmsEngine } from './registration.js';
import { EMULATOR_WARNING } from './server.js';

const registered = await registerKmsEngine();
process.stderr.write(`${EMULATOR_WARNING}\nkms-engine: SDK v3 KMS and S3 clients of this process are answered in memory (${registered.seeded} seeded key${registered.seeded === 1 ? '' : 's'})${registered.v2Endpoint ? `; SDK v2 KMS and S3 at ${registered.v2Endpoint}` : ''}.\n`);
