/**
 * IAM identity-policy evaluation for the stand-in: explicit Deny > Allow > implicit deny.
 *
 * Supports what the role policies use and a little more: Action/NotAction and Resource/NotResource
 * with `*` and `?` wildcards (actions case-insensitive, resources case-sensitive), policy variables
 * (`${cognito-identity.amazonaws.com:sub}`, `${*}`, `${?}`, `${$}`) in Resource and condition values,
 * and the String condition operators (plus IfExists, ForAnyValue:/ForAllValues:, Null, Bool).
 * An operator it does not know makes the policy invalid at load time rather than guessed at.
 *
 * (@cloud-copilot/iam-simulate drops `cognito-identity.amazonaws.com:sub` as an unknown context key and
 * is AGPL-3.0; it is used as a test oracle instead — see docs/stand-in.md.)
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface Policy {
  Version?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

export interface EvalRequest {
  action: string;
  resource: string;
  /** Request context keys (`s3:prefix`, …). Multi-valued keys as arrays. */
  context: Record<string, string | string[] | undefined>;
  /** Policy variables by name (`cognito-identity.amazonaws.com:sub`). */
  variables: Record<string, string | undefined>;
}

export interface Decision {
  allowed: boolean;
  /** `explicit-deny`, `allow`, or `implicit-deny`. */
  reason: 'explicit-deny' | 'allow' | 'implicit-deny';
  /** Sid (or index) of the decisive statement. */
  statement?: string;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function wildcardRegExp(pattern: string, flags: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return wildcardRegExp(pattern, ignoreCase ? 'is' : 's').test(value);
}

/**
 * Substitute `${name}` variables. Returns undefined when a variable has no value: IAM then treats
 * the element as not matching. Substituted values are escaped so their own `*`/`?` stay literal.
 */
export function substitute(text: string, variables: Record<string, string | undefined>, forWildcards: boolean): string | undefined {
  let missing = false;
  const out = text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name; // escapes for literal characters
    const v = variables[name] ?? variables[name.toLowerCase()];
    if (v === undefined) {
      missing = true;
      return '';
    }
    // A literal * or ? inside a value must not act as a wildcard. Our matcher has no escape syntax,
    // so refuse values that contain them (identity ids never do).
    if (forWildcards && /[*?]/.test(v)) missing = true;
    return v;
  });
  return missing ? undefined : out;
}

const STRING_OPS: Record<string, (value: string, pattern: string) => boolean> = {
  StringEquals: (v, p) => v === p,
  StringNotEquals: (v, p) => v === p,
  StringEqualsIgnoreCase: (v, p) => v.toLowerCase() === p.toLowerCase(),
  StringNotEqualsIgnoreCase: (v, p) => v.toLowerCase() === p.toLowerCase(),
  StringLike: (v, p) => wildcardMatch(p, v),
  StringNotLike: (v, p) => wildcardMatch(p, v),
};

function parseOperator(op: string): { base: string; ifExists: boolean; set?: 'any' | 'all'; negated: boolean } {
  let rest = op;
  let set: 'any' | 'all' | undefined;
  if (rest.startsWith('ForAnyValue:')) {
    set = 'any';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    set = 'all';
    rest = rest.slice('ForAllValues:'.length);
  }
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  return { base, ifExists, set, negated: base.includes('Not') };
}

const statementsOf = (p: Policy): PolicyStatement[] => (Array.isArray(p.Statement) ? p.Statement : [p.Statement]);

export function validatePolicy(policy: Policy): void {
  for (const st of statementsOf(policy)) {
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') throw new Error(`Statement ${st.Sid ?? ''}: Effect must be Allow or Deny`);
    if (!st.Action === !st.NotAction) throw new Error(`Statement ${st.Sid ?? ''}: exactly one of Action and NotAction`);
    if (!st.Resource === !st.NotResource) throw new Error(`Statement ${st.Sid ?? ''}: exactly one of Resource and NotResource`);
    for (const op of Object.keys(st.Condition ?? {})) {
      const { base } = parseOperator(op);
      if (!(base in STRING_OPS) && base !== 'Null' && base !== 'Bool')
        throw new Error(`Statement ${st.Sid ?? ''}: condition operator ${op} is not supported by the stand-in`);
    }
  }
}

function conditionHolds(op: string, key: string, expected: string[], req: EvalRequest): boolean {
  const { base, ifExists, set, negated } = parseOperator(op);
  const found = Object.entries(req.context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  const values = found === undefined ? [] : list(found);
  if (base === 'Null') {
    const wantMissing = expected.some((e) => e === 'true');
    return wantMissing ? values.length === 0 : values.length > 0;
  }
  if (values.length === 0) {
    if (ifExists) return true;
    if (set === 'all') return true; // ForAllValues over an empty set is vacuously true
    return negated; // a missing key fails positive operators and satisfies negated ones
  }
  const patterns = expected
    .map((e) => substitute(e, req.variables, base === 'StringLike' || base === 'StringNotLike'))
    .filter((e): e is string => e !== undefined);
  const matchOne = (v: string): boolean => {
    if (base === 'Bool') return patterns.some((p) => p.toLowerCase() === v.toLowerCase());
    const any = patterns.some((p) => STRING_OPS[base]!(v, p));
    return negated ? !any : any;
  };
  if (set === 'all') return values.every(matchOne);
  if (set === 'any') return values.some(matchOne);
  return matchOne(values[0]!);
}

function statementApplies(st: PolicyStatement, req: EvalRequest): boolean {
  const actionHit = (patterns: string[]) => patterns.some((p) => wildcardMatch(p, req.action, true));
  if (st.Action ? !actionHit(list(st.Action)) : actionHit(list(st.NotAction))) return false;
  const resourceHit = (patterns: string[]) =>
    patterns.some((p) => {
      const s = substitute(p, req.variables, true);
      return s !== undefined && wildcardMatch(s, req.resource);
    });
  if (st.Resource ? !resourceHit(list(st.Resource)) : resourceHit(list(st.NotResource))) return false;
  for (const [op, byKey] of Object.entries(st.Condition ?? {})) {
    for (const [key, expected] of Object.entries(byKey)) {
      const exp = (Array.isArray(expected) ? expected : [expected]).map(String);
      if (!conditionHolds(op, key, exp, req)) return false;
    }
  }
  return true;
}

/** Evaluate identity policies for one request. */
export function evaluate(policies: Policy[], req: EvalRequest): Decision {
  let allow: string | undefined;
  for (const policy of policies) {
    const statements = statementsOf(policy);
    for (const [i, st] of statements.entries()) {
      if (!statementApplies(st, req)) continue;
      const id = st.Sid ?? String(i);
      if (st.Effect === 'Deny') return { allowed: false, reason: 'explicit-deny', statement: id };
      allow ??= id;
    }
  }
  return allow ? { allowed: true, reason: 'allow', statement: allow } : { allowed: false, reason: 'implicit-deny' };
}

/**
 * Could any request for this action be allowed, whatever its resource and context? False only when no Allow
 * statement names the action, so a caller can be refused before the request's body is even read.
 */
export function mayAllowAction(policies: Policy[], action: string): boolean {
  const hit = (patterns: string[]) => patterns.some((p) => wildcardMatch(p, action, true));
  return policies.some((p) => statementsOf(p).some((st) => st.Effect === 'Allow' && (st.Action ? hit(list(st.Action)) : !hit(list(st.NotAction)))));
}
