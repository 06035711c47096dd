// installKmsEngine: every SDK v3 KMS and S3 client of the process, created before or after the call, answered by
// one engine until uninstall(). How, in public SDK terms:
//
// - Every v3 client call goes through `send`, defined once on the base class each client package exports as
//   `__Client` (aws-sdk-client-mock stubs the same method, one class at a time). install wraps `send` on each
//   distinct base class it finds (discover.ts: every copy of the client packages Node would load), so one wrap
//   reaches every service client built on that copy, whenever it was constructed.
// - The wrapper touches no client object. For a KMS or S3 client it sends the command through a view of the
//   client whose `config.requestHandler` is the engine's (the public seam the real Command reads at each send)
//   and whose `middlewareStack` is a clone (public `clone()`) with the engine's observers added. The real
//   serialization, endpoint resolution, signing and deserialization all run; nothing reaches a network.
// - Requests need credentials and a Region before they reach any handler, so install supplies fake ones through
//   the SDK's own environment variables when the environment has none (and turns off the EC2 metadata lookup);
//   uninstall takes them back.
import { __Client as KmsBaseClient } from '@aws-sdk/client-kms';
import { __Client as S3BaseClient } from '@aws-sdk/client-s3';
import { isEngineRequestHandler } from '../http.js';
import { createKmsEngine, type KmsEngine, type KmsEngineOptions, type ObservableMiddlewareStack } from '../index.js';
import { discoverClientClasses, ENGINE_CLIENT_PACKAGES, type SdkClientClass } from './discover.js';

export type { SdkClientClass } from './discover.js';

export interface InstallKmsEngineOptions extends KmsEngineOptions {
  /**
   * Refuse requests to every other AWS service (their `send` rejects with an error naming the service and
   * command) instead of letting them through to AWS. Use it in tests, where nothing may leave the machine.
   */
  refuseOtherServices?: boolean;
  /** Folders whose node_modules (and their parents') are searched for SDK copies. Default: `process.cwd()`. */
  searchFrom?: string[];
  /** Client classes (`KMSClient`, or any class whose base has `send`) to cover beyond those found on disk. */
  clientClasses?: SdkClientClass[];
}

/** A KMS request a covered client sent, as the client gave it (top-level members copied at send time). */
export interface ReceivedKmsRequest {
  /** The operation, as in the API reference: `Decrypt`, `GenerateDataKey`. */
  operation: string;
  input: Record<string, unknown>;
}

export interface InstalledKmsEngine extends KmsEngine {
  /** KMS requests the covered clients sent, in order (clients made by `kmsClient()` included). */
  received(): ReceivedKmsRequest[];
  /** Base classes wrapped and client packages loaded: what this install reaches. */
  readonly reach: { baseClasses: number; packages: string[] };
  /** Restores every wrapped `send` and the environment; the engine itself stays usable. */
  uninstall(): void;
}

export class KmsEngineInstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KmsEngineInstallError';
  }
}

/** The error a refused request rejects with (`refuseOtherServices`). */
export class KmsEngineRefusedServiceError extends Error {
  constructor(readonly serviceId: string, readonly commandName: string) {
    super(`kms-engine: refused a ${serviceId} request (${commandName}): installKmsEngine({ refuseOtherServices: true }) answers KMS and S3 only and lets nothing else reach AWS. Mock this client (aws-sdk-client-mock) or install without refuseOtherServices.`);
    this.name = 'KmsEngineRefusedServiceError';
  }
}

/** The environment an install supplies when the process has none: the engine owner's fake key and a Region. */
const SUPPLIED_ENVIRONMENT = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_EC2_METADATA_DISABLED'] as const;

const OPTION_NAMES = new Set(['region', 'accountId', 'quota', 'clock', 'auditLimit', 'refuseOtherServices', 'searchFrom', 'clientClasses']);

// One install per process, whichever copy of this module made it (vitest re-evaluates modules per test file).
const INSTALLED = Symbol.for('eslint-plugin-kms.installedKmsEngine');
type GlobalWithInstall = typeof globalThis & { [INSTALLED]?: { engine: InstalledKmsEngine; site: string } };

interface SdkClient {
  config: { serviceId?: string; requestHandler?: unknown };
  middlewareStack: ObservableMiddlewareStack & { clone(): ObservableMiddlewareStack };
}

type Send = (this: SdkClient, command: unknown, optionsOrCallback?: unknown, callback?: unknown) => unknown;

function validate(options: InstallKmsEngineOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`installKmsEngine: options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.has(name)) throw new TypeError(`installKmsEngine: unknown option "${name}" (known: ${[...OPTION_NAMES].join(', ')})`);
  }
  if (options.refuseOtherServices !== undefined && typeof options.refuseOtherServices !== 'boolean') {
    throw new TypeError('installKmsEngine: refuseOtherServices must be true or false');
  }
  if (options.searchFrom !== undefined && (!Array.isArray(options.searchFrom) || options.searchFrom.some((dir) => typeof dir !== 'string'))) {
    throw new TypeError('installKmsEngine: searchFrom must be an array of folder paths');
  }
  if (options.clientClasses !== undefined && (!Array.isArray(options.clientClasses)
    || options.clientClasses.some((c) => typeof c !== 'function' || typeof (c as SdkClientClass).prototype?.send !== 'function'))) {
    throw new TypeError('installKmsEngine: clientClasses must be an array of SDK v3 client classes (classes with a send method)');
  }
}

/** The class on whose prototype `send` is defined (a client class given by the user may inherit it). */
function ownerOfSend(clientClass: SdkClientClass): { send: Send } {
  let proto: object | null = clientClass.prototype;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'send')) proto = Object.getPrototypeOf(proto) as object | null;
  return (proto ?? clientClass.prototype) as { send: Send };
}

/** The first stack frame outside this folder: where the application called installKmsEngine. */
function callerSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const frame = frames.find((line) => !/[\\/]engine[\\/]install[\\/]/.test(line));
  return frame?.trim().replace(/^at /, '') ?? 'an unknown caller';
}

/** The engine the process has installed, for tests that did not install it themselves (setup files). */
export function installedKmsEngine(): InstalledKmsEngine {
  const current = (globalThis as GlobalWithInstall)[INSTALLED];
  if (!current) {
    throw new KmsEngineInstallError('kms-engine: no engine is installed in this process. Call installKmsEngine() first, or add eslint-plugin-kms/engine/vitest (or /jest) to the test runner\'s setup files.');
  }
  return current.engine;
}

export function installKmsEngine(options: InstallKmsEngineOptions = {}): InstalledKmsEngine {
  validate(options);
  const globals = globalThis as GlobalWithInstall;
  const existing = globals[INSTALLED];
  if (existing) {
    throw new KmsEngineInstallError(`kms-engine: an engine is already installed in this process (by ${existing.site}). Call uninstall() on it before installing another; in a test file set up by eslint-plugin-kms/engine/vitest or /jest, use installedKmsEngine() instead of installing a second one.`);
  }
  const { refuseOtherServices = false, searchFrom = [process.cwd()], clientClasses = [], ...engineOptions } = options;
  const engine = createKmsEngine(engineOptions);
  const received: ReceivedKmsRequest[] = [];

  // Other services' copies are loaded only when they are to be refused: loading every client package costs time.
  const wanted = refuseOtherServices ? () => true : (name: string) => ENGINE_CLIENT_PACKAGES.includes(name);
  const found = discoverClientClasses(searchFrom, wanted);
  const owners: Array<{ send: Send }> = [];
  for (const clientClass of [KmsBaseClient as unknown as SdkClientClass, S3BaseClient as unknown as SdkClientClass, ...found.baseClasses, ...clientClasses]) {
    const owner = ownerOfSend(clientClass);
    if (!owners.includes(owner)) owners.push(owner);
  }

  /** The client as the engine answers it; `watched`: its stack has the data-key observer already (kmsClient()). */
  function routed(client: SdkClient, watched = false): SdkClient {
    const stack = client.middlewareStack.clone();
    if (client.config.serviceId === 'KMS') {
      stack.add(
        (next, context: { commandName?: string }) => async (args: { input?: Record<string, unknown> }) => {
          received.push({ operation: (context.commandName ?? '').replace(/Command$/, ''), input: { ...args.input } });
          return next(args);
        },
        { step: 'initialize', name: 'kmsEngineRequestRecorder', priority: 'high' },
      );
      if (!watched) engine.watchDataKeys(stack);
    }
    // An own copy of every config property (middleware spread the config, which drops inherited ones), with the
    // engine's handler in place of the client's.
    const config = Object.defineProperties(Object.create(Object.getPrototypeOf(client.config) as object) as object, {
      ...Object.getOwnPropertyDescriptors(client.config),
      requestHandler: { value: engine.requestHandler, enumerable: true, writable: true, configurable: true },
    }) as SdkClient['config'];
    return Object.create(client, { config: { value: config }, middlewareStack: { value: stack } }) as SdkClient;
  }

  const patched: Array<{ owner: { send: Send }; descriptor: PropertyDescriptor; wrapper: Send }> = [];
  for (const owner of owners) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, 'send')!;
    const original = owner.send;
    const wrapper: Send = function send(this: SdkClient, command, optionsOrCallback, callback) {
      const serviceId = this?.config?.serviceId ?? 'unknown';
      if (serviceId === 'KMS' || serviceId === 'S3') {
        // A client an engine built (engine.kmsClient()) stays with its own engine.
        if (isEngineRequestHandler(this.config.requestHandler)) {
          return serviceId === 'KMS' && this.config.requestHandler === engine.requestHandler
            ? original.call(routed(this, true), command, optionsOrCallback, callback)
            : original.call(this, command, optionsOrCallback, callback);
        }
        // Options given explicitly: the client's handler cache (cacheMiddleware) would otherwise keep the engine's
        // handler after uninstall, or keep the original one during the install.
        const cb = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
        const sendOptions = typeof optionsOrCallback === 'function' || optionsOrCallback === undefined ? {} : optionsOrCallback;
        return original.call(routed(this), command, sendOptions, cb);
      }
      if (refuseOtherServices) {
        const commandName = (command as { constructor?: { name?: string } })?.constructor?.name ?? 'a command';
        const error = new KmsEngineRefusedServiceError(serviceId, commandName);
        const cb = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
        if (typeof cb === 'function') {
          (cb as (e: unknown) => void)(error);
          return undefined;
        }
        return Promise.reject(error);
      }
      return original.call(this, command, optionsOrCallback, callback);
    };
    Object.defineProperty(owner, 'send', { ...descriptor, value: wrapper });
    patched.push({ owner, descriptor, wrapper });
  }

  const credentials = engine.credentialsFor();
  const supplied: Record<(typeof SUPPLIED_ENVIRONMENT)[number], string> = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: engine.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const setByInstall: string[] = [];
  const hasKey = process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_SECRET_ACCESS_KEY !== undefined;
  for (const name of SUPPLIED_ENVIRONMENT) {
    const isKeyPart = name === 'AWS_ACCESS_KEY_ID' || name === 'AWS_SECRET_ACCESS_KEY';
    if (process.env[name] !== undefined || (isKeyPart && hasKey)) continue;
    process.env[name] = supplied[name];
    setByInstall.push(name);
  }

  const installed: InstalledKmsEngine = Object.assign(Object.create(null) as object, engine, {
    received: () => [...received],
    reach: { baseClasses: owners.length, packages: found.packages },
    uninstall() {
      if (globals[INSTALLED]?.engine !== installed) {
        throw new KmsEngineInstallError('kms-engine: this engine is not installed (uninstall() was called already).');
      }
      const replaced: string[] = [];
      for (const { owner, descriptor, wrapper } of patched) {
        if (owner.send === wrapper) Object.defineProperty(owner, 'send', descriptor);
        else replaced.push((owner as { constructor?: { name?: string } }).constructor?.name ?? 'a client class');
      }
      for (const name of setByInstall) {
        if (process.env[name] === supplied[name as keyof typeof supplied]) delete process.env[name];
      }
      delete globals[INSTALLED];
      if (replaced.length > 0) {
        throw new KmsEngineInstallError(`kms-engine: send of ${replaced.join(', ')} was replaced after the install (a mock or another tool), so it was left as it is now; restore that one first.`);
      }
    },
  });
  globals[INSTALLED] = { engine: installed, site: callerSite() };
  return installed;
}
