import { z } from 'zod';

/** One served route as `dump_mlflow_routes.py` prints it; `method: null` marks a mount without its own routes. */
export const DumpedRouteSchema = z.object({
  engine: z.enum(['flask', 'fastapi']),
  method: z.string().nullable(),
  path: z.string(),
  endpoint: z.string(),
});
export type DumpedRoute = z.infer<typeof DumpedRouteSchema>;

/** The JSON `dump_mlflow_routes.py` prints: the served MLflow version and its routes in registration order. */
export const RouteDumpSchema = z.object({
  mlflow_version: z.string(),
  routes: z.array(DumpedRouteSchema),
});
export type RouteDump = z.infer<typeof RouteDumpSchema>;
