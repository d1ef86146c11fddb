import { expect, it } from 'vitest';
import { forbiddenMessage } from './forbidden-message.js';

it('names the operation by method and API path below the UI, without the query', () => {
  expect(forbiddenMessage('post', 'https://h.example/prod/ajax-api/2.0/mlflow/experiments/delete?x=1', 'https://h.example/prod/')).toBe(
    'Permission denied: POST ajax-api/2.0/mlflow/experiments/delete. Your MLflow role does not allow this operation.',
  );
  expect(forbiddenMessage('GET', 'https://h.example/prod/get-artifact%20x', 'https://h.example/prod/')).toContain('GET get-artifact x.');
  expect(forbiddenMessage('GET', 'https://h.example/prod/bad%E0%A4%A', 'https://h.example/prod/')).toContain('GET bad%E0%A4%A.');
});
