import type { Template } from 'aws-cdk-lib/assertions';

/** One statement of a synthesized policy document. */
interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly Principal?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A policy document of the template and the resource it belongs to. */
interface PolicyDocument {
  /** `identity` policies are attached to roles; `resource` policies to buckets, queues, keys…; `trust` to roles. */
  readonly kind: 'identity' | 'resource' | 'trust';
  readonly type: string;
  readonly id: string;
  readonly statements: Statement[];
}

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown> }
>;

const statementsOf = (document: unknown): Statement[] =>
  (document as { Statement?: Statement[] } | undefined)?.Statement ?? [];

// Where each resource type keeps its policy documents.
const RESOURCE_POLICIES: Record<string, string> = {
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::KMS::Key': 'KeyPolicy',
};

/** Every policy document in the template: identity, trust and resource policies. */
const policyDocuments = (template: Template): PolicyDocument[] => {
  const resources = template.toJSON().Resources as Resources;
  return Object.entries(resources).flatMap(
    ([id, { Type: type, Properties }]): PolicyDocument[] => {
      const props = Properties ?? {};
      const document = (kind: PolicyDocument['kind'], value: unknown) => ({
        kind,
        type,
        id,
        statements: statementsOf(value),
      });
      if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy') {
        return [document('identity', props.PolicyDocument)];
      }
      if (type === 'AWS::IAM::Role') {
        const inline =
          (props.Policies as { PolicyDocument: unknown }[] | undefined) ?? [];
        return [
          document('trust', props.AssumeRolePolicyDocument),
          ...inline.map((policy) =>
            document('identity', policy.PolicyDocument),
          ),
        ];
      }
      const key = RESOURCE_POLICIES[type];
      return key === undefined ? [] : [document('resource', props[key])];
    },
  );
};

/** The identity-policy statements that apply to one role. */
const roleStatements = (template: Template, roleId: string): Statement[] => {
  const attachedTo = (props: Record<string, unknown>) =>
    JSON.stringify(props.Roles ?? []).includes(`{"Ref":"${roleId}"}`);
  const resources = template.toJSON().Resources as Resources;
  return policyDocuments(template)
    .filter(
      (document) =>
        document.kind === 'identity' &&
        (document.id === roleId ||
          attachedTo(resources[document.id]?.Properties ?? {})),
    )
    .flatMap((document) => document.statements);
};

/** A statement's actions as a list. */
const actionsOf = (statement: Statement): string[] =>
  [statement.Action ?? []].flat();

/** A statement's resources as a list. */
const resourcesOf = (statement: Statement): unknown[] =>
  [statement.Resource ?? []].flat();

/**
 * Renders a CloudFormation value as text, so that resource patterns can be
 * compared: `{Fn::GetAtt: [Id, Arn]}` → `<Id.Arn>`, `{Ref: Id}` → `<Id>`,
 * `Fn::Join` joins.
 */
const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, unknown>;
  if ('Fn::GetAtt' in intrinsic) {
    const [id, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    return `<${id}.${attribute}>`;
  }
  if ('Ref' in intrinsic) return `<${String(intrinsic.Ref)}>`;
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  throw new Error(`Cannot render ${JSON.stringify(value)}`);
};

const escapeRegExp = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const POLICY_VARIABLE = /\$\{aws:PrincipalTag\/([^}]+)\}/;

/**
 * Whether an IAM pattern (a resource or a `StringLike` value) matches a
 * value for a session with these principal tags, the way IAM evaluates it:
 * `${aws:PrincipalTag/key}` stands for the tag's value, taken literally,
 * `*` matches any run of characters (slashes included) and `?` any one.
 */
const iamPatternMatches = (
  pattern: string,
  value: string,
  principalTags: Readonly<Record<string, string>>,
): boolean => {
  // split() with a capturing group alternates literal text and tag keys.
  const source = pattern
    .split(POLICY_VARIABLE)
    .map((part, i) => {
      if (i % 2 === 1) {
        const tag = principalTags[part];
        if (tag === undefined) throw new Error(`No principal tag ${part}`);
        return escapeRegExp(tag);
      }
      return [...part]
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c)))
        .join('');
    })
    .join('');
  return new RegExp(`^${source}$`).test(value);
};

export type { PolicyDocument, Statement };
export {
  actionsOf,
  iamPatternMatches,
  policyDocuments,
  render,
  resourcesOf,
  roleStatements,
};
