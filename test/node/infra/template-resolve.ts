/**
 * A tiny evaluator for the CloudFormation intrinsics the role policies use (Ref, Fn::Join,
 * Fn::GetAtt Arn of a bucket), so a synthesized policy can be compared byte for byte with what the
 * stand-in renders for the same bucket name.
 */
export function resolveIntrinsics(value: unknown, refs: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, refs));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'Ref') {
      const r = refs[o.Ref as string];
      if (r === undefined) throw new Error(`unresolved Ref ${String(o.Ref)}`);
      return r;
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map((p) => resolveIntrinsics(p, refs)).join(sep);
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, attr] = o['Fn::GetAtt'] as [string, string];
      const r = refs[`${id}.${attr}`];
      if (r === undefined) throw new Error(`unresolved GetAtt ${id}.${attr}`);
      return r;
    }
    return Object.fromEntries(keys.map((k) => [k, resolveIntrinsics(o[k], refs)]));
  }
  return value;
}
