// XML in and out of the S3 slice. @aws-sdk/xml-builder is the AWS SDK's own XML writer and parser: it ships
// with every SDK v3 client (through @aws-sdk/core), so the engine needs no XML dependency of its own.
import { parseXML, XmlNode } from '@aws-sdk/xml-builder';
import { AwsError } from '../types.js';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A tree of element names to text, nested elements or repeated elements; undefined members are left out. */
export type XmlValue = string | number | boolean | undefined | XmlTree | XmlTree[];
export interface XmlTree {
  [name: string]: XmlValue;
}

function build(name: string, value: XmlValue): XmlNode[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => build(name, item));
  if (typeof value === 'object') {
    const node = new XmlNode(name);
    for (const [child, childValue] of Object.entries(value)) {
      for (const built of build(child, childValue)) node.addChildNode(built);
    }
    return [node];
  }
  // XmlNode.of escapes the text (&, <, >, quotes and control characters).
  return [XmlNode.of(name, String(value))];
}

/** Serializes one root element with the S3 namespace, as S3 answers. */
export function toXml(root: string, tree: XmlTree, withNamespace = true): Uint8Array {
  const [node] = build(root, tree);
  if (withNamespace) node.addAttribute('xmlns', S3_XMLNS);
  return Buffer.from(DECLARATION + node.toString(), 'utf8');
}

/** Parses a request body; anything that is not well-formed XML with the expected root is S3's `MalformedXML`. */
export function parseRequestXml(body: Uint8Array, root: string): Record<string, unknown> {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXML(Buffer.from(body).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw malformed();
  }
  const value = parsed[root];
  if (value === undefined) throw malformed();
  if (value === '') return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed();
  return value as Record<string, unknown>;
}

export function malformed(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}

/** The parser yields one object for a single element and an array for repeated ones. */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
