// The decision contract every oracle of the suite judges by (decision.ts), with the one copy of the malformed-path
// classes and the requests the proofs send. Built on test/reference/'s independent router and model.
export * from './decision.js';
export { BranchCounts } from './branch-counts.js';
export { servedByCookieAuthorizer } from './cookie-routes.js';
export { isMalformed, MALFORMED_SPELLINGS, malformedVariants } from './malformed.js';
export { escapeLiteralChar, METHODS, plainInstances, routeInstances, trailingSlashSpellings } from './requests.js';
export { adversarialRequest, anyRequest, catalogueRequest, cookieReadRequest, plainCatalogueRequest } from './request-arbitraries.js';
