import { type IncidentWorkspace } from './model.js';

const WORKSPACE_IN_ID =
  /\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)/i;

const INCIDENT_ID_IN_URL =
  /(\/subscriptions\/[^/?#]+\/resourceGroups\/[^/?#]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/?#]+\/providers\/Microsoft\.SecurityInsights\/Incidents\/[^/?#]+)/i;

/** Subscription, resource group and workspace name read from an incident's ARM id. */
export function workspaceFromArmId(armId: string | null): IncidentWorkspace | null {
  const match = armId ? WORKSPACE_IN_ID.exec(armId) : null;
  if (!match) return null;
  return {
    id: null,
    subscriptionId: match[1] ?? null,
    resourceGroup: match[2] ?? null,
    name: match[3] ?? null,
  };
}

/**
 * The incident's ARM id inside a Sentinel portal URL (`…/#asset/…/Incident/subscriptions/…`).
 * `SecurityIncident` rows carry no ARM id, but the push source's idempotency key is built from it;
 * reading it from `IncidentUrl` lets both sources agree.
 */
export function armIdFromIncidentUrl(url: string | null): string | null {
  if (!url) return null;
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // a stray % in the URL: search it as it is
  }
  return INCIDENT_ID_IN_URL.exec(decoded)?.[1] ?? null;
}

/** The resource group named in an Azure resource id (`/subscriptions/…/resourceGroups/X/…`). */
export function resourceGroupOf(resourceId: string): string | null {
  return /\/resourceGroups\/([^/]+)/i.exec(resourceId)?.[1] ?? null;
}
