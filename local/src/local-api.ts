/**
 * The identity the local gateway gives its REST API, standing in for the deployed one's: the values the IAM
 * documents' placeholders are filled with, and what every method ARN is built from.
 */
export interface LocalApi {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly apiId: string;
  readonly stage: string;
}

/** The account and API id of the local API: obviously not real ones. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_API_ID = 'localapi00';
export const DEFAULT_REGION = 'us-east-1';

/** The local API for `stage` in `region`. */
export function localApi(stage: string, region: string = DEFAULT_REGION): LocalApi {
  return { partition: 'aws', region, account: LOCAL_ACCOUNT, apiId: LOCAL_API_ID, stage };
}

/**
 * The execute-api ARN of a request, as API Gateway builds both the authorizer's `methodArn` and the IAM resource:
 * `arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/path`, the path as received (still percent-encoded, no
 * query string), the root giving a trailing slash.
 */
export function methodArn(api: LocalApi, method: string, path: string): string {
  return `arn:${api.partition}:execute-api:${api.region}:${api.account}:${api.apiId}/${api.stage}/${method}${path}`;
}

/** Fills the generated documents' `${Partition}`, `${Region}`, `${Account}` and `${ApiId}` for this API. */
export function fillPlaceholders(text: string, api: LocalApi): string {
  return text
    .replaceAll('${Partition}', api.partition)
    .replaceAll('${Region}', api.region)
    .replaceAll('${Account}', api.account)
    .replaceAll('${ApiId}', api.apiId);
}
