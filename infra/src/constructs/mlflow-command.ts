// The commands the MLflow container runs, as `sh -c` scripts. ECS injects the database credentials as
// separate variables (DB_USER, DB_PASSWORD, DB_HOST, DB_PORT from the Secrets Manager secret); the shell
// assembles the URI, so the password never appears in the task definition.

/** The port MLflow listens on in the container. */
export const MLFLOW_PORT = 5000;
/** uvicorn's keep-alive must outlast the load balancer's idle timeout (60 s), or the ALB sees 502s. */
export const UVICORN_KEEP_ALIVE_SECONDS = 75;
/** The load balancer's idle timeout. */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

// `$NAME`, not `${NAME}`: CloudFormation's linter reads `${…}` as its own substitution syntax.
const BACKEND_STORE_URI = '"postgresql://$DB_USER:$DB_PASSWORD@$DB_HOST:$DB_PORT/$DB_NAME"';

/**
 * `mlflow server` under uvicorn (the default server, the only one that runs MLflow's host and CORS checks),
 * serving artifacts through its proxy from S3.
 */
export function serverCommand(workers: number): string {
  return [
    'exec mlflow server',
    `--host 0.0.0.0 --port ${MLFLOW_PORT} --workers ${workers}`,
    `--backend-store-uri ${BACKEND_STORE_URI}`,
    '--serve-artifacts --artifacts-destination "s3://$ARTIFACT_BUCKET/$ARTIFACT_PREFIX"',
    `--uvicorn-opts "--timeout-keep-alive ${UVICORN_KEEP_ALIVE_SECONDS}"`,
  ].join(' ');
}

/** The one-off schema migration to run (as its own task) before a service update to a newer MLflow. */
export const DB_UPGRADE_COMMAND = `exec mlflow db upgrade ${BACKEND_STORE_URI}`;
