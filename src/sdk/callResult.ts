// A cheaper type question before an expensive one. Asking the checker for the type of a call expression resolves the
// call: overloads, inference, and the type of every argument (an argument that holds an SDK response makes it resolve
// the SDK's generic `send`). The callee's own type is cheaper: it is the declared function, not the resolved call.
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { programFacts } from './programFacts.js';
import { awsPackageOfFile, declarationFile, typeAt, type TypeInfo } from './typeInfo.js';

/** Declared in the KMS client or SDK v2 (where every KMS response type lives), directly or once awaited. */
function mayBeKmsResponse(info: TypeInfo, type: ts.Type): boolean {
  for (const t of [type, info.checker.getAwaitedType(type)]) {
    if (!t) continue;
    const symbol = t.aliasSymbol ?? t.getSymbol();
    const pkg = awsPackageOfFile(declarationFile(symbol));
    if (pkg === '@aws-sdk/client-kms' || pkg === 'aws-sdk') return true;
  }
  return false;
}

/**
 * Can this call's value (or the value it resolves to) be a KMS response type, by the callee's signatures? False only
 * when that is certain without resolving the call: the Program declares no KMS response type (programFacts.ts), the
 * callee is `any` (the call is `any` too), or every signature is
 * non-generic and returns a type declared outside the KMS client and SDK v2 (the call's type is the return type of
 * one of them). True, so that the caller asks about the call itself, in every other case: a generic signature, a
 * union or intersection callee, no call signature, a checker that failed.
 */
export function callMayReturnKmsResponse(info: TypeInfo, call: TSESTree.CallExpression): boolean {
  if (!programFacts(info.program).declaresKmsResponses) return false;
  try {
    const callee = typeAt(info, call.callee);
    if (!callee) return true;
    if (callee.flags & info.ts.TypeFlags.Any) return false;
    if (callee.isUnionOrIntersection()) return true;
    const signatures = callee.getCallSignatures();
    if (signatures.length === 0) return true;
    return signatures.some((s) => (s.typeParameters?.length ?? 0) > 0 || mayBeKmsResponse(info, s.getReturnType()));
  } catch {
    return true;
  }
}
