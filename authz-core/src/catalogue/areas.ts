import type { Area } from './types.js';

/**
 * What each area holds, in one line for people writing `area:access` grants: the README's area table and the
 * CLI's messages read it from here.
 */
export const AREA_CONTENTS: Readonly<Record<Area, string>> = {
  experiments: 'experiments and their tags',
  runs: 'runs: their metrics, parameters, tags, inputs and outputs; metric histories; prompt-lab runs',
  artifacts: 'run and model artifacts: listing, downloads, uploads, presigned URLs, multipart uploads (mlflow-artifacts)',
  'registered-models':
    "the model registry's registered models with their tags and aliases, and MLflow's prompt registry: a prompt is a registered model tagged mlflow.prompt.is_prompt",
  'model-versions': 'versions of registered models with their tags and stages; a prompt version is a model version',
  'logged-models': 'logged models (MLflow 3): create, finalize, search, tags, parameters, artifact listings',
  traces: 'GenAI traces: start and end, search, tags, links to runs and prompts, trace metrics',
  datasets: 'evaluation datasets, their records and tags, and which experiments use them',
  scorers: 'registered scorers and their versions, online scoring configurations, running a scorer on traces',
  'prompt-optimization': 'prompt-optimization jobs only (create, search, cancel, delete); the prompt registry is registered-models and model-versions',
  evaluation: 'assessments (feedback and expectations), issues, label schemas, review queues, GenAI evaluation jobs',
  webhooks: 'model-registry webhooks',
  gateway: 'the AI gateway: endpoints, secrets, model definitions, budgets, guardrails, and the invocation routes (chat, embeddings, provider pass-through)',
  jobs: 'server-side background jobs (status, search, cancel; submitting one is admin)',
  assistant: "MLflow's in-UI assistant: sessions, messages, providers, configuration",
  mcp: 'the MCP server registry: servers, versions, tags, aliases, access endpoints',
  server: 'server-wide: server info, workspaces, GraphQL reads, health and version, UI telemetry, demo data, Prometheus metrics',
  'ui-static': "the UI's index.html and its built JavaScript, CSS and images",
  'auth-admin': "the basic-auth plugin's users, roles and permissions (administration only)",
};

/** Areas that were renamed, with what to write now and why, for a migration message. */
export const RENAMED_AREAS: Readonly<Record<string, { readonly now: Area; readonly why: string }>> = {
  prompts: {
    now: 'prompt-optimization',
    why: "it holds prompt-optimization jobs only; MLflow's prompt registry runs on the registered-models and model-versions routes, so grant those for prompts",
  },
};
