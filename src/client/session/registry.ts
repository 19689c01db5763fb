/**
 * Every session feature, one line each (feature.ts says what one is). connect() builds the ones a session asks for,
 * declares their capabilities, and runs their hooks around `initialize`, in this order.
 */
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { clientCapabilities } from './capabilities.js';
import type { SessionContext, SessionFeature, SessionFeatureDeclaration } from './feature.js';
import { notificationsFeature } from './notifications.js';
import { PROTOCOL_VERSION_FEATURE } from './protocol-version.js';

const FEATURES: readonly SessionFeatureDeclaration[] = [
  // Every notification, `notifications/resources/updated` included, reaches the workload's listeners here once.
  notificationsFeature,
  // Last: it rewrites what initialize offers, whatever the others set up.
  clientCapabilities,
  PROTOCOL_VERSION_FEATURE,
];

/** The features this session asks for, in registry order. */
export function sessionFeatures(context: SessionContext): SessionFeature[] {
  const features: SessionFeature[] = [];
  for (const declaration of FEATURES) {
    const feature = declaration.build(context);
    if (feature !== null) features.push(feature);
  }
  return features;
}

/** The capabilities the client declares: each feature's, merged (a later feature's key adds to an earlier one's). */
export function declaredCapabilities(features: readonly SessionFeature[]): ClientCapabilities {
  const declared: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature.capabilities ?? {})) {
      const before = declared[key];
      declared[key] = before && typeof before === 'object' && value && typeof value === 'object' ? { ...before, ...value } : value;
    }
  }
  return declared as ClientCapabilities;
}
