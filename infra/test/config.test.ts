import { describe, expect, it } from 'vitest';
import { config } from '../config.js';
import type { MlflowDeploymentConfig } from '../src/config/deployment-config.js';
import { ConfigError, validateConfig } from '../src/config/validate-config.js';

describe('infra/config.ts', () => {
  it('is valid as shipped', () => {
    expect(validateConfig(config)).toBe(config);
  });

  it('names every bad setting at once, with its limit', () => {
    const bad: MlflowDeploymentConfig = {
      ...config,
      region: 'Ireland',
      service: { ...config.service, cpu: 1024, memoryMiB: 512 },
      database: { ...config.database, minCapacity: 0.3, maxCapacity: 300 },
      artifacts: { ...config.artifacts, prefix: '/mlflow/' },
      cognito: { ...config.cognito, domainPrefix: 'my-cognito-login' },
      sagemaker: { domain: { kind: 'existing', domainId: 'studio' } },
    };
    let error: unknown;
    try {
      validateConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const setting of ['region:', 'service.memoryMiB: 512 does not go with cpu 1024', 'database.maxCapacity: 300', 'database: capacities are in steps of 0.5', 'artifacts.prefix', 'cognito.domainPrefix', 'sagemaker.domain.domainId']) {
      expect(message).toContain(setting);
    }
  });
});
