// The storage account: host storage (AzureWebJobsStorage), the app's tables and queues, and the deployment container.
// Shared keys are off: every client (the host, the app, the deployment) authenticates with Entra ID.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object

@description('Blob container the Flex Consumption app is deployed from.')
param deploymentContainerName string

@description('Queues the app uses; the Functions host creates the matching <queue>-poison queues itself.')
param queueNames array

@description('Log Analytics workspace receiving the queue service write logs (the poison-queue alert reads them).')
param logAnalyticsWorkspaceId string

@description('Network isolation: only private endpoints and allowedIpAddresses get in (false: every network, Entra ID still required).')
param isolated bool = false

@description('With isolation: operators\' public IP addresses or CIDR ranges (deploying the package, setting secrets).')
param allowedIpAddresses array = []

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: isolated ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      ipRules: isolated ? map(allowedIpAddresses, ip => { value: ip, action: 'Allow' }) : []
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'
  }
}

// Queue metrics in Azure Monitor are account-wide (no per-queue dimension), so "a poison queue is not empty" is read
// from the queue service's write log instead: see docs/decisions/infra-bicep-choices.md.
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes-to-log-analytics'
  scope: account::queueService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
