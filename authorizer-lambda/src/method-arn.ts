import { MalformedEventError } from './errors.js';

/** A REST API method ARN split into its parts: `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{path}`. */
export interface MethodArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly apiId: string;
  readonly stage: string;
  readonly verb: string;
  /** The request path as API Gateway put it in the ARN, with the leading `/` restored. */
  readonly path: string;
}

// Every part that ends up in a policy we build must be free of IAM wildcards (`*`, `?`), or the policy would
// reach beyond this API and stage.
const PARTITION = /^aws[a-z-]*$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;
const API_ID = /^[a-z0-9]{1,64}$/;
const STAGE = /^[A-Za-z0-9_-]{1,128}$/;
const VERB = /^[A-Z]{1,16}$/;

/**
 * Parses a methodArn, splitting on its first five colons only (the path part keeps its own colons, e.g.
 * `/runs/2021-08-01T00:00:00Z`), then on the first three slashes after them. Throws `MalformedEventError`.
 */
export function parseMethodArn(methodArn: string): MethodArn {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = methodArn.indexOf(':', start);
    if (colon === -1) throw new MalformedEventError('methodArn has fewer than six colon-separated fields');
    fields.push(methodArn.slice(start, colon));
    start = colon + 1;
  }
  const [arn, partition, service, region, account] = fields as [string, string, string, string, string];
  const resource = methodArn.slice(start);
  const slash1 = resource.indexOf('/');
  const slash2 = slash1 === -1 ? -1 : resource.indexOf('/', slash1 + 1);
  const slash3 = slash2 === -1 ? -1 : resource.indexOf('/', slash2 + 1);
  if (slash3 === -1) throw new MalformedEventError('methodArn resource is not apiId/stage/verb/path');
  const parsed: MethodArn = {
    partition,
    region,
    account,
    apiId: resource.slice(0, slash1),
    stage: resource.slice(slash1 + 1, slash2),
    verb: resource.slice(slash2 + 1, slash3),
    path: resource.slice(slash3),
  };
  if (arn !== 'arn' || service !== 'execute-api') throw new MalformedEventError('not an execute-api ARN');
  if (!PARTITION.test(partition) || !REGION.test(region) || !ACCOUNT.test(account)) {
    throw new MalformedEventError('methodArn partition, region or account is malformed');
  }
  if (!API_ID.test(parsed.apiId) || !STAGE.test(parsed.stage) || !VERB.test(parsed.verb)) {
    throw new MalformedEventError('methodArn api id, stage or verb is malformed');
  }
  return parsed;
}

/**
 * Parses methodArns as `parseMethodArn` does, remembering the last API prefix (`arn:…:{apiId}/{stage}/`): every
 * request to an API shares it, so only the verb and path are read per request. Same results, same errors.
 */
export class MethodArnReader {
  private prefix = '';
  private api: MethodArn | null = null;

  /** The parts of `methodArn`; throws `MalformedEventError` as `parseMethodArn` does. */
  read(methodArn: string): MethodArn {
    const api = this.api;
    // slice + === rather than startsWith, which costs several times more on Node 20.
    if (api !== null && methodArn.slice(0, this.prefix.length) === this.prefix) {
      const slash = methodArn.indexOf('/', this.prefix.length);
      const verb = slash === -1 ? '' : methodArn.slice(this.prefix.length, slash);
      // The same literal as parseMethodArn's, so both give objects of one shape.
      if (VERB.test(verb)) {
        return { partition: api.partition, region: api.region, account: api.account, apiId: api.apiId, stage: api.stage, verb, path: methodArn.slice(slash) };
      }
    }
    const parsed = parseMethodArn(methodArn);
    this.prefix = methodArn.slice(0, methodArn.length - parsed.path.length - parsed.verb.length);
    this.api = parsed;
    return parsed;
  }
}
