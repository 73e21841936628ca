// The Flex Consumption plan and the Function App (isolated worker, .NET 10), its app settings and its App Service
// authentication. Every secret setting is a Key Vault reference; storage is reached by identity, never by key.

@description('Name of the Function App (also the azd service "api").')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID, AzureWebJobsStorage__clientId).')
param identityClientId string

@description('Blob endpoint of the storage account, ending with a slash.')
param blobEndpoint string

@description('Queue endpoint of the storage account, ending with a slash.')
param queueEndpoint string

@description('Table endpoint of the storage account, ending with a slash.')
param tableEndpoint string

@description('Blob container the app package is deployed to.')
param deploymentContainerName string

@description('Fully qualified Service Bus namespace, e.g. sb-x.servicebus.windows.net.')
param serviceBusNamespace string

@description('Service Bus topic for integration events.')
param serviceBusTopic string

@description('Key Vault URI, ending with a slash.')
param keyVaultUri string

@description('Key Vault secret names keyed by purpose: sendGridApiKey, calcomWebhookSecret, calendlyWebhookSecret, zoomWebhookSecret, graphClientState, googleChannelToken, linksSigningKey, adminBootstrapKey, sendGridEventWebhookPublicKey.')
param secretNames object

@description('Application Insights connection string (names the component; ingestion needs an Entra token).')
param applicationInsightsConnectionString string

@description('Instance memory in MB: 512, 2048 or 4096.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Upper bound on instances the app scales out to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the HTTP function group (webhooks must answer within 3 s; cold starts are longer).')
@minValue(0)
param httpAlwaysReadyInstances int

@description('Client id of the Entra ID app registration guarding the admin routes; empty keeps them closed (401).')
param authClientId string

@description('Tenant of that app registration.')
param authTenantId string

@description('Address every email is sent from (a SendGrid verified sender).')
param emailFromAddress string

@description('Display name every email is sent from.')
param emailFromName string

@description('Subnet the app is integrated into (network isolation); empty: no virtual network.')
param subnetId string = ''

// Key Vault references are written out in full (no helper function) so the compiled template shows each one and the
// infra tests can check it. Versionless URIs: the app picks up a rotated secret within 24 h or on restart.
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    // With network isolation the app reaches storage and Key Vault through the subnet's network (private endpoints).
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: [
          {
            name: 'http'
            instanceCount: httpAlwaysReadyInstances
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION itself and rejects them here.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: blobEndpoint
      AzureWebJobsStorage__queueServiceUri: queueEndpoint
      AzureWebJobsStorage__tableServiceUri: tableEndpoint
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
      ServiceBus__FullyQualifiedNamespace: serviceBusNamespace
      ServiceBus__Topic: serviceBusTopic
      SweepSchedule: '0 0 * * * *' // hourly, seconds first
      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.sendGridApiKey})'
      // SendGrid's Signed Event Webhook key: without it every event (bounce, spam report) is refused.
      SendGrid__EventWebhookPublicKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.sendGridEventWebhookPublicKey})'
      Email__FromAddress: emailFromAddress
      Email__FromName: emailFromName
      // The admin API authenticates every request itself (docs/deploy.md, "The admin API's sign-in"): an API key, or the
      // Entra sign-in App Service authentication put in X-MS-CLIENT-PRINCIPAL (the platform drops that header from clients).
      Auth__BootstrapKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.adminBootstrapKey})'
      Auth__TrustClientPrincipal: 'true'
      Webhooks__Calcom__Secrets__0: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.calcomWebhookSecret})'
      Webhooks__Calendly__Secrets__0: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.calendlyWebhookSecret})'
      Webhooks__Zoom__Secrets__0: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.zoomWebhookSecret})'
      Webhooks__Graph__Secrets__0: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.graphClientState})'
      Webhooks__Google__Secrets__0: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.googleChannelToken})'
      // Calendar connections: where the subscriptions and channels the app creates post back, and the timers that
      // renew them and poll ICS feeds (the Functions timers resolve %SubscriptionRenewalSchedule% from these).
      Calendars__Graph__NotificationUrl: 'https://${app.properties.defaultHostName}/api/webhooks/graph'
      Calendars__Graph__LifecycleNotificationUrl: 'https://${app.properties.defaultHostName}/api/webhooks/graph/lifecycle'
      Calendars__Google__WebhookUrl: 'https://${app.properties.defaultHostName}/api/webhooks/google'
      SubscriptionRenewalSchedule: '0 0 */6 * * *'
      IcsPollSchedule: '0 */15 * * * *'
      Links__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.linksSigningKey})'
      Links__BaseUrl: 'https://${app.properties.defaultHostName}' // check-in and unsubscribe links in emails
    }
  }

  // Entra ID sign-in for the admin API, without a gate: requests without a sign-in reach the app, which admits an API key
  // (X-Api-Key) or the client principal the platform set, and answers 401 to anything else. The platform stays enabled
  // even without an app registration, so a client can never send its own X-MS-CLIENT-PRINCIPAL.
  resource auth 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: false
        unauthenticatedClientAction: 'AllowAnonymous'
        // Routes that authenticate themselves (signatures, signed links): the platform does not even look at them.
        excludedPaths: [
          '/api/webhooks/*'
          '/api/checkin/*'
          '/api/unsubscribe/*'
        ]
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: !empty(authClientId)
          registration: {
            clientId: authClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          }
          validation: {
            allowedAudiences: empty(authClientId) ? [] : [authClientId, 'api://${authClientId}']
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
      httpSettings: {
        requireHttps: true
      }
    }
  }

  // No publishing passwords: deployments go through Entra ID (azd, az functionapp deployment).
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = app.name
output id string = app.id
output uri string = 'https://${app.properties.defaultHostName}'
