// Key rotation (automatic and on demand) and scheduled key deletion.
import crypto from 'node:crypto';
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { DAY, page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { Input } from '../wire.js';

const MAX_ON_DEMAND_ROTATIONS = 10; // RotateKeyOnDemand: "up to 10 times"

export const lifecycleOperations: Record<string, Operation> = {
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
};

/**
 * API_ScheduleKeyDeletion: PendingWindowInDays 7..30, default 30 ("This value is optional. If you include
 * a value, it must be between 7 and 30, inclusive."). A multi-Region primary with replicas waits in
 * PendingReplicaDeletion instead.
 */
function scheduleKeyDeletion(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const days = input.int('PendingWindowInDays', { min: 7, max: 30 }) ?? 30;
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  const hasReplicas = key.multiRegion && key.region === key.material.primaryRegion
    && [...key.material.related.values()].some((k) => k !== key && k.state !== 'PendingDeletion');
  key.state = hasReplicas ? 'PendingReplicaDeletion' : 'PendingDeletion';
  key.pendingWindowInDays = days;
  key.deletionDate = hasReplicas ? undefined : ks.clock() + days * DAY;
  const out: Record<string, unknown> = { KeyId: key.arn, KeyState: key.state, PendingWindowInDays: days };
  if (key.deletionDate !== undefined) out.DeletionDate = key.deletionDate / 1000;
  return out;
}

function cancelKeyDeletion(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion') {
    throw new AwsError('KMSInvalidStateException', `${key.arn} is not pending deletion (its state is ${key.state}).`);
  }
  // "the key state of the KMS key is Disabled" after CancelKeyDeletion (API reference).
  key.state = 'Disabled';
  key.deletionDate = undefined;
  key.pendingWindowInDays = undefined;
  return { KeyId: key.arn };
}

function rotationKey(ks: Keystore, input: Input, ctx: Ctx, op: string, replicaAllowed = false): KeyRecord {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (key.spec !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError('UnsupportedOperationException', `${key.arn} is a ${key.spec} key; ${op} supports only symmetric encryption KMS keys.`);
  }
  if (!replicaAllowed && key.multiRegion && key.region !== key.material.primaryRegion) {
    throw new AwsError('UnsupportedOperationException', `${key.arn} is a multi-Region replica key; manage rotation on its primary key.`);
  }
  return key;
}

/** API_EnableKeyRotation: RotationPeriodInDays 90..2560, default 365; symmetric keys only. */
function enableKeyRotation(ks: Keystore, input: Input, ctx: Ctx): Output {
  const period = input.int('RotationPeriodInDays', { min: 90, max: 2560 }) ?? 365;
  const key = rotationKey(ks, input, ctx, 'EnableKeyRotation');
  ks.requireUsable(key);
  key.material.rotation.enabled = true;
  key.material.rotation.periodDays = period;
  key.material.rotation.nextRotation = ks.clock() + period * DAY;
  return {};
}

function disableKeyRotation(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = rotationKey(ks, input, ctx, 'DisableKeyRotation');
  ks.requireUsable(key);
  key.material.rotation.enabled = false;
  key.material.rotation.nextRotation = undefined;
  return {};
}

function getKeyRotationStatus(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = rotationKey(ks, input, ctx, 'GetKeyRotationStatus', true);
  ks.requireNotPendingDeletion(key);
  const r = key.material.rotation;
  const out: Record<string, unknown> = { KeyId: key.arn, KeyRotationEnabled: r.enabled };
  if (r.enabled) {
    out.RotationPeriodInDays = r.periodDays;
    out.NextRotationDate = (r.nextRotation ?? 0) / 1000;
  }
  if (r.lastOnDemand !== undefined) out.OnDemandRotationStartDate = r.lastOnDemand / 1000;
  return out;
}

/** API_RotateKeyOnDemand: new key material; earlier versions keep decrypting. At most 10 per key. */
function rotateKeyOnDemand(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = rotationKey(ks, input, ctx, 'RotateKeyOnDemand');
  ks.requireUsable(key);
  const r = key.material.rotation;
  if (r.onDemandCount >= MAX_ON_DEMAND_ROTATIONS) {
    throw new AwsError('LimitExceededException', `${key.arn} has reached the limit of ${MAX_ON_DEMAND_ROTATIONS} on-demand rotations.`);
  }
  r.onDemandCount++;
  r.lastOnDemand = ks.clock();
  key.material.versions.push(crypto.randomBytes(32));
  return { KeyId: key.arn };
}

function listKeyRotations(ks: Keystore, input: Input, ctx: Ctx): Output {
  const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 100;
  const marker = input.string('Marker', { max: 1024 });
  const key = rotationKey(ks, input, ctx, 'ListKeyRotations');
  const rotations = key.material.versions.slice(1).map((_, i) => ({ KeyId: key.arn, RotationType: 'ON_DEMAND_OR_AUTOMATIC', Version: i + 1 }));
  return page(rotations, limit, marker, 'Rotations');
}
