// Life Cockpit Security: the Azure resources of one deployment (resource group scope).
// See infra/README.md for how to deploy it and what has to be done by hand afterwards.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Azure region. Personal health information stays in Canada: only the two Canadian regions are allowed.')
@allowed([
  'canadacentral'
  'canadaeast'
])
param location string = 'canadacentral'

@description('Short lowercase name (letters and digits, starting with a letter) that prefixes every resource.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'cockpit'

@description('Entra tenant id of the practice.')
param tenantId string = tenant().tenantId

@description('Client id of the app registration that carries the app roles and the Teams SSO scope. Empty on the first deployment; the service refuses to start until it is set (see README).')
param apiClientId string = ''

@description('App Service plan SKU (Linux). B1 is the smallest that supports VNet integration and Always On.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('PostgreSQL administrator login (password authentication, used by the service through DATABASE_URL).')
@minLength(1)
param postgresAdminLogin string = 'cockpitadmin'

@description('PostgreSQL administrator password. Goes into the server and, inside DATABASE_URL, into Key Vault only.')
@secure()
@minLength(16)
param postgresAdminPassword string

@description('PostgreSQL compute SKU (Burstable B1ms is enough for a small practice).')
param postgresSkuName string = 'Standard_B1ms'

@description('PostgreSQL compute tier matching postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('Object id of an Entra group (or user) made PostgreSQL Entra administrator. Empty: none.')
param postgresEntraAdminObjectId string = ''

@description('Display name of that group or user, as Entra shows it.')
param postgresEntraAdminName string = ''

@description('Kind of principal postgresEntraAdminObjectId is.')
@allowed([
  'Group'
  'User'
])
param postgresEntraAdminType string = 'Group'

@description('Optional HMAC secret for the Sentinel push webhook (at least 32 bytes). Empty: only Entra bearer tokens are accepted, the production default.')
@secure()
param sentinelWebhookSecret string = ''

@description('Service log level.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('How long role lookups from Microsoft Graph are cached, in seconds.')
@minValue(0)
@maxValue(86400)
param roleCacheSeconds int = 300

@description('Days the Log Analytics workspace keeps the app diagnostics.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Azure Bot pricing tier. F0 is free; S1 lifts the premium-channel message limits (Teams is a standard channel).')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Tags put on every resource.')
param tags object = {
  application: 'life-cockpit-security'
  dataClassification: 'phi'
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id)
var appName = '${namePrefix}-${suffix}'
var planName = '${namePrefix}-plan'
var identityName = '${namePrefix}-id'
var workspaceName = '${namePrefix}-logs'
var vnetName = '${namePrefix}-vnet'
var postgresName = '${namePrefix}-pg-${suffix}'
var postgresDnsZoneName = '${postgresName}.private.postgres.database.azure.com'
var databaseName = 'cockpit'
var vaultName = '${take(namePrefix, 8)}-kv-${take(suffix, 10)}'
var botName = '${namePrefix}-bot-${suffix}'

// Built-in role: Key Vault Secrets User (read secret values).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Identity: the bot's identity and the one the service uses for Graph, Log Analytics and ARM
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Network: the app reaches PostgreSQL privately and Key Vault through a service endpoint
// ---------------------------------------------------------------------------------------------

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.60.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: '10.60.1.0/24'
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.KeyVault'
            }
          ]
        }
      }
      {
        name: 'db'
        properties: {
          addressPrefix: '10.60.2.0/24'
          delegations: [
            {
              name: 'postgres'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }
}

var appSubnetId = '${vnet.id}/subnets/app'
var dbSubnetId = '${vnet.id}/subnets/db'

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: postgresDnsZoneName
  location: 'global'
  tags: tags
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: postgresDnsZone
  name: '${vnetName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL flexible server: private access only, TLS 1.2+, 35 days of backups
// ---------------------------------------------------------------------------------------------

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresName
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      // The service still signs in with the password inside DATABASE_URL.
      passwordAuth: 'Enabled'
      tenantId: tenantId
    }
    storage: {
      storageSizeGB: 32
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 35
      // Off for cost. Turning it on later needs a restore into a new server.
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      delegatedSubnetResourceId: dbSubnetId
      privateDnsZoneArmResourceId: postgresDnsZone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    postgresDnsLink
  ]
}

var postgresServerSettings = [
  {
    name: 'require_secure_connection'
    value: 'on'
  }
  {
    name: 'ssl_min_protocol_version'
    value: 'TLSv1.2'
  }
  {
    name: 'log_connections'
    value: 'on'
  }
  {
    name: 'log_disconnections'
    value: 'on'
  }
]

// One at a time: the server takes a single configuration change at once.
@batchSize(1)
resource postgresSettings 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = [
  for setting in postgresServerSettings: {
    parent: postgres
    name: setting.name
    properties: {
      value: setting.value
      source: 'user-override'
    }
  }
]

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    postgresSettings
  ]
}

resource postgresEntraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (!empty(postgresEntraAdminObjectId)) {
  parent: postgres
  name: empty(postgresEntraAdminObjectId) ? 'none' : postgresEntraAdminObjectId
  properties: {
    principalType: postgresEntraAdminType
    principalName: postgresEntraAdminName
    tenantId: tenantId
  }
  dependsOn: [
    database
  ]
}

// ---------------------------------------------------------------------------------------------
// Key Vault: RBAC, soft delete with purge protection, reachable from the app's subnet only
// ---------------------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: []
      virtualNetworkRules: [
        {
          id: appSubnetId
          ignoreMissingVnetServiceEndpoint: false
        }
      ]
    }
  }
}

var databaseUrl = 'postgresql://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: databaseUrl
    contentType: 'postgresql connection URL'
  }
}

resource webhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sentinelWebhookSecret)) {
  parent: vault
  name: 'sentinel-webhook-secret'
  properties: {
    value: sentinelWebhookSecret
    contentType: 'HMAC key'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// App Service: Linux, Node 22 LTS, HTTPS only, TLS 1.2+, no FTP, no basic-auth publishing
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: appSubnetId
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/bot/src/cli/start.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/readyz'
      // All outbound traffic through the VNet: PostgreSQL's private address and the Key Vault
      // service endpoint (Key Vault references included) are only reachable that way.
      vnetRouteAllEnabled: true
      remoteDebuggingEnabled: false
      webSocketsEnabled: false
    }
  }
}

resource noFtpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource noScmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

var appHostname = app.properties.defaultHostName

// Names are the service's environment variables (bot/src/config.ts).
var serviceSettings = {
  COCKPIT_MODE: 'azure'
  NODE_ENV: 'production'
  PORT: '8080'
  WEBSITES_PORT: '8080'
  HOST: '0.0.0.0'
  DATA_DIR: '/home/data'
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
  TENANT_ID: tenantId
  BOT_CLIENT_ID: identity.properties.clientId
  API_CLIENT_ID: apiClientId
  API_APP_ID_URI: empty(apiClientId) ? '' : 'api://${appHostname}/${apiClientId}'
  LOG_LEVEL: logLevel
  ROLE_CACHE_SECONDS: string(roleCacheSeconds)
  // start.js defaults both to 1 for `npm start`; azure mode refuses them, so they are off here.
  DEMO_FEED: '0'
  PLAYGROUND: '0'
  // @azure/identity picks the user-assigned identity with this.
  AZURE_CLIENT_ID: identity.properties.clientId
  // The package is built before upload (see README), not on the server.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

// Built from the vault's URI, not from the conditional secret resource, so that it compiles to
// nothing when no webhook secret is given.
var webhookSettings = empty(sentinelWebhookSecret) ? {} : {
  SENTINEL_WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/sentinel-webhook-secret)'
}

// Settings live in their own resource so that they can use the app's host name and wait for the
// identity's access to Key Vault.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(serviceSettings, webhookSettings)
  dependsOn: [
    identityReadsSecrets
    webhookSecret
  ]
}

// ---------------------------------------------------------------------------------------------
// Diagnostics to the workspace
// ---------------------------------------------------------------------------------------------

resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${workspaceName}'
  scope: app
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
      {
        category: 'AppServiceAuditLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${workspaceName}'
  scope: vault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-${workspaceName}'
  scope: postgres
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'PostgreSQLLogs'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot: the user-assigned identity is the bot's identity; Teams channel on
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  // Azure Bot is a global resource; it relays activities and keeps no conversation data.
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Life Cockpit Security'
    endpoint: 'https://${appHostname}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('Host name of the service: APP_HOSTNAME of the Teams manifest, and the host of the API App ID URI.')
output appHostname string = appHostname

@description('Client id of the user-assigned managed identity: the bot id (BOT_CLIENT_ID) and the Teams manifest botId.')
output identityClientId string = identity.properties.clientId

@description('Object (principal) id of the managed identity, for the Graph app role grants.')
output identityPrincipalId string = identity.properties.principalId

@description('App ID URI to give the app registration (Expose an API).')
output apiAppIdUri string = 'api://${appHostname}/${empty(apiClientId) ? '<api-client-id>' : apiClientId}'

output webAppName string = app.name
output keyVaultName string = vault.name
output botName string = bot.name
output postgresServerName string = postgres.name
output logAnalyticsWorkspaceId string = workspace.id
