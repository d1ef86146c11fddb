/**
 * The deploy-time values a generated policy leaves open, as `${Name}` placeholders (the syntax of
 * CloudFormation's Fn::Sub with a variable map, and of `envsubst`). The stage is always concrete.
 */
export const PLACEHOLDERS = ['Partition', 'Region', 'Account', 'ApiId'] as const;
/** One of the placeholder names. */
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Values for every placeholder. */
export type PlaceholderValues = Readonly<Record<Placeholder, string>>;

/**
 * The longest value each placeholder can take, for measuring policies against IAM's size quotas: the longest
 * partition (`aws-us-gov`), the longest region code in service today (`us-isof-south-1`, 15 characters),
 * a 12-digit account and a 10-character REST API id.
 */
export const WORST_CASE_VALUES: PlaceholderValues = {
  Partition: 'aws-us-gov',
  Region: 'us-isof-south-1',
  Account: '123456789012',
  ApiId: 'a1b2c3d4e5',
};

/** `arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/STAGE/`: what every generated resource starts with. */
export function stageArnPrefix(stage: string): string {
  return `arn:\${Partition}:execute-api:\${Region}:\${Account}:\${ApiId}/${stage}/`;
}

/** `text` with every `${Name}` placeholder replaced by its value; unknown placeholders are left alone. */
export function substitutePlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}
