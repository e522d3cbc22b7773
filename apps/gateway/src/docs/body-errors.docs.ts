import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { MAX_JSON_DEPTH } from '#libs/http';
import { ErrorView } from '#libs/prediction-api';

type PathItem = OpenAPIObject['paths'][string];
type Operation = NonNullable<PathItem['post']>;
type Response = Extract<Operation['responses'][string], { description: string }>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** Why the transport refuses a body (#libs/http acceptJsonBodies), before any route sees it. */
function bodyErrors(bodyLimit: string): Record<string, string> {
  return {
    400: `The body is not valid JSON, is not a JSON object, or nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
    413: `The body is larger than BODY_LIMIT (${bodyLimit})`,
    415: 'The body is not sent as JSON (Content-Type: application/json), or its Content-Encoding or charset cannot be read',
  };
}

/**
 * Adds to every operation that takes a JSON body the answers the transport gives for a body it
 * refuses, in the one error shape: 400, 413 and 415. A 400 the route documents already keeps its
 * description, with the transport's reasons appended. Done once here, since the transport refuses
 * these bodies alike on every route.
 */
export function documentBodyErrors(document: OpenAPIObject, bodyLimit: string): OpenAPIObject {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.requestBody) continue;
      for (const [status, reason] of Object.entries(bodyErrors(bodyLimit))) {
        const given = operation.responses[status] as Response | undefined;
        const description = given?.description ? `${given.description}; or: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : reason;
        operation.responses[status] = { ...given, description, content };
      }
    }
  }
  return document;
}
