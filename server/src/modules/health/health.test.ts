import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

describe('health and API documentation', () => {
  it('serves OpenAPI 3 with the routes and their zod-derived schemas, and the docs page', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
    expect(doc.paths['/api/orgs/tree']).toBeDefined();
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown API paths with a Chinese 404 envelope', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('接口不存在');
  });
});
