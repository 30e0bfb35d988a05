/**
 * Routes without authentication: `GET /health`, machine registration (`POST /v1/watchers`) and
 * login (`POST /v1/watchers/login`). Their bodies are limited to 2 MiB. Registration creates a
 * machine that an admin must validate, unless auto-registration (token + allowed ranges) matches.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StoreError } from '../../store/index.ts';
import { constantTimeEqual, generateApiKey } from '../auth/api-key.ts';
import { certificateProblem, clientCertificate } from '../auth/tls-identity.ts';
import { UNAUTHENTICATED_BODY_LIMIT } from '../body.ts';
import { BodyCheck } from '../body-check.ts';
import { CidrSet } from '../client-ip.ts';
import type { LapiDeps } from '../context.ts';
import { LapiError } from '../errors.ts';
import { rfc3339Seconds } from '../wire-time.ts';

const LOOPBACK = new CidrSet(['127.0.0.0/8', '::1/128']);

/** Registers the public routes on `app`. */
export function publicRoutes(deps: LapiDeps) {
  const autoRanges = new CidrSet(deps.server.autoRegistration.allowedRanges);
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/health', async (_request, reply) => reply.send({ status: 'up' }));

    app.post('/v1/watchers', { bodyLimit: UNAUTHENTICATED_BODY_LIMIT }, async (request, reply) => {
      const ip = request.lapi.clientIp;
      if (deps.server.disableRemoteLapiRegistration && !LOOPBACK.has(ip)) {
        throw new LapiError('PAL_ERR_LAPI_FORBIDDEN');
      }
      const body = registration(request.body);
      const validated = autoRegistrationMatches(deps, autoRanges, body.token, ip);
      try {
        await deps.store.createMachine({
          machineId: body.machineId,
          password: body.password,
          ipAddress: ip,
          isValidated: validated,
          authType: 'password',
        });
      } catch (err) {
        if (err instanceof StoreError && err.code === 'conflict') {
          throw new LapiError('PAL_ERR_LAPI_MACHINE_EXISTS', [body.machineId], { cause: err });
        }
        throw err;
      }
      request.log.info({ machine: body.machineId, ip, validated }, 'machine registered');
      return reply.code(validated ? 202 : 201).send();
    });

    app.post('/v1/watchers/login', { bodyLimit: UNAUTHENTICATED_BODY_LIMIT }, async (request, reply) => {
      const machineId = await authenticate(deps, request);
      const issued = await deps.jwt.issue(machineId);
      return reply.send({ code: 200, expire: rfc3339Seconds(issued.expireMs), token: issued.token });
    });
  };
}

function registration(body: unknown): { machineId: string; password: string; token: string } {
  const c = new BodyCheck();
  const o = c.object(body, 'body') ?? {};
  const machineId = c.string(o, 'machine_id', '', true);
  const password = c.string(o, 'password', '', true);
  const token = c.string(o, 'registration_token', '', false);
  if (token !== '' && (token.length < 32 || token.length > 255)) {
    c.fail('registration_token', 'length must be between 32 and 255');
  }
  if (machineId === '' && c.errors.length === 0) c.fail('machine_id', 'must not be empty');
  if (c.errors.length > 0) throw new LapiError('PAL_ERR_LAPI_VALIDATION_FAILED', [c.errors.join('\n')]);
  return { machineId, password, token };
}

/**
 * Whether this registration is auto-validated. A token given while auto-registration is on
 * must be the right one and come from an allowed range, else the request is refused (401).
 */
function autoRegistrationMatches(deps: LapiDeps, ranges: CidrSet, token: string, ip: string): boolean {
  const auto = deps.server.autoRegistration;
  if (!auto.enabled || token === '') return false;
  if (!constantTimeEqual(token, auto.token)) {
    throw new LapiError('PAL_ERR_LAPI_REGISTRATION_REFUSED', ['invalid token for auto registration']);
  }
  if (!ranges.has(ip)) {
    throw new LapiError('PAL_ERR_LAPI_REGISTRATION_REFUSED', [
      'IP not in allowed range for auto registration',
    ]);
  }
  return true;
}

/** The machine id of a successful login (password or TLS certificate); 401 otherwise. */
async function authenticate(deps: LapiDeps, request: FastifyRequest): Promise<string> {
  const refuse = (message: string): LapiError => new LapiError('PAL_ERR_LAPI_LOGIN_FAILED', [message]);
  const c = new BodyCheck();
  const o = c.object(request.body, 'body') ?? {};
  const scenarios = c.stringArray(o, 'scenarios', '');
  const ip = request.lapi.clientIp;
  const ua = request.headers['user-agent'] ?? '';
  // CrowdSec requires `name/version` and stores the version.
  const uaParts = ua.split('/');
  if (uaParts.length !== 2) throw refuse('incorrect Username or Password');
  const version = uaParts[1]!;

  const cert = deps.server.tls ? clientCertificate(request) : null;
  if (cert === 'unverified') throw refuse('client certificate not verified');
  let machineId: string;
  if (cert !== null) {
    const problem = certificateProblem(cert, deps.server.tls!.agentsAllowedOu, deps.now());
    if (problem !== null) throw refuse(problem);
    machineId = `${cert.cn}@${ip}`;
    const existing = await deps.store.getMachine(machineId);
    if (existing && existing.authType !== 'tls')
      throw refuse(`machine ${machineId} uses ${existing.authType} auth`);
    if (!existing) {
      try {
        await deps.store.createMachine({
          machineId,
          ipAddress: ip,
          isValidated: true,
          authType: 'tls',
          // A random password nobody knows: TLS machines never log in with one.
          password: generateApiKey(),
        });
      } catch (err) {
        if (!(err instanceof StoreError && err.code === 'conflict')) throw err;
      }
    }
  } else {
    machineId = c.string(o, 'machine_id', '', true);
    const password = c.string(o, 'password', '', true);
    if (c.errors.length > 0) throw refuse(`validation failure list:\n${c.errors.join('\n')}`);
    const machine = await deps.store.getMachine(machineId);
    if (!machine) throw refuse('ent: machine not found');
    if (machine.authType !== 'password') throw refuse(`machine ${machineId} uses ${machine.authType} auth`);
    if (!machine.isValidated) throw refuse(`machine ${machineId} not validated`);
    if (!(await deps.store.checkMachinePassword(machineId, password)))
      throw refuse('incorrect Username or Password');
  }
  const machine = await deps.store.getMachine(machineId);
  await deps.store.updateMachine(machineId, {
    version,
    ...(scenarios.length > 0 ? { scenarios: scenarios.join(',') } : {}),
    ...(machine && machine.ipAddress !== ip ? { ipAddress: ip } : {}),
  });
  return machineId;
}
