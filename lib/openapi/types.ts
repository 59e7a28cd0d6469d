import type { JsonSchema } from '@valibot/to-json-schema';

/** The parts of OpenAPI 3.1 that buildOpenApi writes, typed so the docs page can read them back. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  /** A query parameter kept for a release after another replaced it (lib/http/page-query.ts). */
  deprecated?: boolean;
  schema: JsonSchema;
}

interface OpenApiMediaType {
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, { description: string; content?: Record<string, OpenApiMediaType> } | { $ref: string }>;
  security?: Record<string, string[]>[];
  /** Who may call it, for readers that do not parse `security` and the description (the docs page). */
  'x-access': 'public' | 'signed-in' | 'permission';
  'x-permission'?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, { description: string; content: object; headers?: object }>; securitySchemes: Record<string, object> };
}
