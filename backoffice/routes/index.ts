// The whole route table, in documentation order.
import type { Route } from '../http/route';
import { authRoutes } from './auth';
import { certificateServiceRoutes } from '../certificates/routes';
import type { BackOfficeContext } from './context';
import { fleetRoutes } from './fleet';
import { deskRoutes } from './desk';
import { deskPaymentRoutes } from '../hospital-payments/desk-route';
import { hospitalRoutes } from './hospital';
import { hospitalPaymentRoutes } from '../hospital-payments/routes';
import { orcaRoutes } from '../orca/orca-routes';
import { registryRoutes } from './registry';
import { syncRoutes } from './sync';

export function allRoutes(ctx: BackOfficeContext): Route[] {
  return [...syncRoutes(ctx), ...authRoutes(ctx), ...registryRoutes(ctx), ...certificateServiceRoutes(ctx), ...hospitalRoutes(ctx), ...hospitalPaymentRoutes(ctx), ...deskRoutes(ctx), ...deskPaymentRoutes(ctx), ...fleetRoutes(ctx), ...orcaRoutes(ctx)];
}
