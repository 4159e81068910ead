import type { Incident } from '../../../core/incidents/index.js';

/**
 * A normalised Incident (from a pulled `SecurityIncident` row) → a Sentinel trigger body, so
 * that pulled events are stored in the same shape as pushed ones and the incident processor
 * reads both with `parseTrigger`. `parseTrigger(rowToTrigger(incident))` gives back `incident`
 * and the same version key.
 */
export function rowToTrigger(
  incident: Incident,
  eventType: 'Create' | 'Update' = 'Update',
): Record<string, unknown> {
  const workspace = incident.workspace;
  return {
    objectSchemaType: 'Incident',
    objectEventType: eventType,
    ...(workspace
      ? {
          workspaceId: workspace.id,
          workspaceInfo: {
            subscriptionId: workspace.subscriptionId,
            resourceGroupName: workspace.resourceGroup,
            workspaceName: workspace.name,
          },
        }
      : {}),
    object: {
      id: incident.armId,
      name: incident.name,
      etag: incident.etag,
      properties: {
        title: incident.title,
        description: incident.description,
        severity: incident.severity,
        status: incident.status,
        classification: incident.classification,
        classificationReason: incident.classificationReason,
        ...(incident.owner ? { owner: { ...incident.owner } } : {}),
        labels: incident.labels.map((labelName) => ({ labelName })),
        incidentNumber: incident.number,
        incidentUrl: incident.url,
        providerName: incident.providerName,
        createdTimeUtc: incident.createdAt,
        firstActivityTimeUtc: incident.firstActivityAt,
        lastActivityTimeUtc: incident.lastActivityAt,
        lastModifiedTimeUtc: incident.lastModifiedAt,
        additionalData: {
          alertsCount: incident.alertsCount,
          alertProductNames: incident.alertProducts,
          tactics: incident.tactics,
          techniques: incident.techniques,
        },
        relatedEntities: incident.entities.map((entity) => ({
          kind: entity.kind,
          properties: { friendlyName: entity.name },
        })),
      },
    },
  };
}
