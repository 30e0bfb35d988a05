/**
 * `POST /v1/usage-metrics` (either auth, spec §7.1): a bouncer sends exactly one
 * `remediation_components` entry, a machine exactly one `log_processors` entry. The caller's
 * row gets the version/OS/feature flags, and the metrics are kept for the central API. 201.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LapiDeps } from '../context.ts';
import { LapiError } from '../errors.ts';
import { type ComponentMetrics, readUsageMetrics } from '../usage-metrics-body.ts';

/** Registers the route on an `app` whose hook identified either a machine or a bouncer. */
export function usageMetricsRoutes(deps: LapiDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/v1/usage-metrics', async (request, reply) => {
      const body = readUsageMetrics(request.body);
      if (body.bindErrors.length > 0)
        throw new LapiError('PAL_ERR_LAPI_BAD_BODY', [body.bindErrors.join('; ')]);
      if (body.validationErrors.length > 0) {
        throw new LapiError('PAL_ERR_LAPI_VALIDATION_FAILED', [body.validationErrors.join('\n')]);
      }
      const bouncer = request.lapi.bouncer;
      const own = bouncer ? body.remediationComponents : body.logProcessors;
      const other = bouncer ? body.logProcessors : body.remediationComponents;
      const what = bouncer ? 'remediation component' : 'log processor';
      if (own.length === 0) throw new LapiError('PAL_ERR_LAPI_METRICS_MISSING', [`Missing ${what} data`]);
      if (own.length > 1 || other.length > 0) {
        throw new LapiError('PAL_ERR_LAPI_METRICS_MISSING', [
          `Payload has more than one ${what} or both kinds of data`,
        ]);
      }
      await store(deps, request, own[0]!);
      return reply.code(201).send();
    });
  };
}

async function store(deps: LapiDeps, request: FastifyRequest, m: ComponentMetrics): Promise<void> {
  const os = {
    osName: m.os?.name ?? '',
    osFamily: m.os?.family ?? '',
    osVersion: m.os?.version ?? '',
    featureFlags: m.featureFlags.join(','),
  };
  const bouncer = request.lapi.bouncer;
  const now = deps.now();
  if (bouncer) {
    await deps.store.updateBouncer(bouncer.id, { version: m.version, ...os });
    await deps.store.insertUsageMetrics({
      generatedType: 'RC',
      generatedBy: bouncer.name,
      receivedAt: now,
      payload: JSON.stringify({ type: m.type, metrics: m.metrics }),
    });
    return;
  }
  const machineId = request.lapi.machine!.machineId;
  await deps.store.updateMachine(machineId, { ...os, hubstate: m.hubItems, datasources: m.datasources });
  await deps.store.insertUsageMetrics({
    generatedType: 'LP',
    generatedBy: machineId,
    receivedAt: now,
    payload: JSON.stringify({ metrics: m.metrics }),
  });
}
