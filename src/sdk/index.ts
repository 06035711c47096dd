// "Which AWS call is this, and what does it pass?": the one place rules ask.
export * from './operations.js';
export { recognizeCall, recognizeNew, recognizeMethodCall, onSdkCall, fileMayUseAws, type SdkCall, type ApiStyle } from './recognize.js';
export { readObject, fieldOptions, isUndefinedLiteral, isSyntheticValue, functionOf, returnedExpressions, type ObjectView, type FieldState, type FieldOption, type ObjectEntry } from './input.js';
export { evaluate, evaluateString, byteSize, type ConstValue, type ByteRange } from './constant.js';
export { outputFieldOf, outputSourceOf, sdkCallOfResult, patternKeyOf, type OutputSource } from './output.js';
export { getTypeInfo, symbolAt, typeAt, declarationFile, awsPackageOfFile, checkerStats, type TypeInfo } from './typeInfo.js';
export { originOfExpression, variableOf, constInitOf, staticPropertyName, importedNameOf, type Origin } from './bindings.js';
export { programFacts } from './programFacts.js';
export { fileMayHoldRequestShapes } from './shape.js';
export { fileInLambdaProject } from './lambdaProject.js';
