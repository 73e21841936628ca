// The whole Azure deployment of the mentoring engagement engine: one resource group holding the Function App
// (Flex Consumption), its storage, Service Bus, Key Vault, monitoring and alerts. Only local modules (no br: registry).
targetScope = 'subscription'

@description('Environment name (azd AZURE_ENV_NAME): every resource name derives from it.')
@minLength(1)
@maxLength(20)
param environmentName string

@description('Azure region for every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@minLength(1)
param location string

@description('Object id of the operator (user or group) allowed to set and rotate Key Vault secrets; empty grants nobody (azd fills AZURE_PRINCIPAL_ID).')
param operatorPrincipalId string = ''

@description('Type of the operator principal.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

@description('Client id of the Entra ID app registration that guards the admin API; empty keeps the admin routes closed (401).')
param authClientId string = ''

@description('Address every email is sent from: a sender SendGrid has verified (Settings → Sender Authentication).')
@minLength(3)
param emailFromAddress string

@description('Display name every email is sent from.')
@minLength(1)
param emailFromName string = 'Mentoring program'

@description('Network isolation: the app joins a virtual network, storage and Key Vault are reached through private endpoints and deny other networks except operatorIpAddresses; off by default. Service Bus stays public (Entra ID only; private endpoints need Premium).')
param networkIsolation bool = false

@description('With networkIsolation: public IP addresses (or CIDR ranges) of the operators who deploy the package and set the secrets.')
param operatorIpAddresses array = []

@description('E-mail address for the alerts; empty creates the alert rules without a notification.')
param alertEmail string = ''

@description('Always-ready instances for the HTTP functions (webhooks must be acknowledged within about 3 s).')
@minValue(0)
@maxValue(10)
param httpAlwaysReadyInstances int = 1

@description('Maximum number of instances the Function App scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Function App instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('SendGrid API key; empty leaves the Key Vault secret untouched.')
@secure()
param sendGridApiKey string = ''

@description('Cal.com webhook signing secret; empty leaves the Key Vault secret untouched.')
@secure()
param calcomWebhookSecret string = ''

@description('Calendly webhook signing key; empty leaves the Key Vault secret untouched.')
@secure()
param calendlyWebhookSecret string = ''

@description('Zoom webhook secret token; empty leaves the Key Vault secret untouched.')
@secure()
param zoomWebhookSecret string = ''

@description('Microsoft Graph subscription clientState (at most 128 characters); empty leaves the Key Vault secret untouched.')
@secure()
param graphClientState string = ''

@description('Google Calendar channel token (sent back on every push); empty leaves the Key Vault secret untouched.')
@secure()
param googleChannelToken string = ''

@description('Key that signs the links in emails (check-in, unsubscribe); empty leaves the Key Vault secret untouched.')
@secure()
param linksSigningKey string = ''

@description('Admin API bootstrap key (at least 32 characters, read-write on every program; it creates the named keys); empty leaves the Key Vault secret untouched.')
@secure()
param adminBootstrapKey string = ''

@description('SendGrid Signed Event Webhook verification key (base64, as SendGrid shows it); empty leaves the Key Vault secret untouched.')
@secure()
param sendGridEventWebhookPublicKey string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-${environmentName}'
  logAnalytics: 'log-${environmentName}'
  applicationInsights: 'appi-${environmentName}'
  storage: 'st${resourceToken}'
  serviceBus: 'sb-${environmentName}-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${environmentName}'
  functionApp: 'func-${environmentName}-${resourceToken}'
  alertPrefix: 'alert-${environmentName}'
  virtualNetwork: 'vnet-${environmentName}'
}
var deploymentContainerName = 'app-package'
var topicName = 'integration-events'
var queueNames = ['calendar-changes', 'pair-evaluations', 'outbound-email', 'webhook-deliveries']
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  calcomWebhookSecret: 'calcom-webhook-secret'
  calendlyWebhookSecret: 'calendly-webhook-secret'
  zoomWebhookSecret: 'zoom-webhook-secret'
  graphClientState: 'graph-client-state'
  googleChannelToken: 'google-channel-token'
  linksSigningKey: 'links-signing-key'
  adminBootstrapKey: 'admin-bootstrap-key'
  sendGridEventWebhookPublicKey: 'sendgrid-event-webhook-public-key'
}
var functionsSubnetName = 'functions'
// Known before the network exists (the app names it); empty without isolation.
var functionsSubnetId = networkIsolation
  ? resourceId(subscription().subscriptionId, names.resourceGroup, 'Microsoft.Network/virtualNetworks/subnets', names.virtualNetwork, functionsSubnetName)
  : ''

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    isolated: networkIsolation
    allowedIpAddresses: operatorIpAddresses
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    topicName: topicName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secretValues: {
      '${secretNames.sendGridApiKey}': sendGridApiKey
      '${secretNames.calcomWebhookSecret}': calcomWebhookSecret
      '${secretNames.calendlyWebhookSecret}': calendlyWebhookSecret
      '${secretNames.zoomWebhookSecret}': zoomWebhookSecret
      '${secretNames.graphClientState}': graphClientState
      '${secretNames.googleChannelToken}': googleChannelToken
      '${secretNames.linksSigningKey}': linksSigningKey
      '${secretNames.adminBootstrapKey}': adminBootstrapKey
      '${secretNames.sendGridEventWebhookPublicKey}': sendGridEventWebhookPublicKey
    }
    isolated: networkIsolation
    allowedIpAddresses: operatorIpAddresses
  }
}

module network 'modules/network.bicep' = if (networkIsolation) {
  name: 'network'
  scope: rg
  params: {
    name: names.virtualNetwork
    location: location
    tags: tags
    functionsSubnetName: functionsSubnetName
    storageAccountId: storage.outputs.id
    keyVaultId: keyVault.outputs.id
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    serviceBusTopicName: topicName
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
  // Names are passed (not outputs) so What-If can predict the assignments; the order comes from here instead.
  dependsOn: [identity, storage, serviceBus, keyVault, monitoring]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusTopic: serviceBus.outputs.topicName
    keyVaultUri: keyVault.outputs.uri
    secretNames: secretNames
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    httpAlwaysReadyInstances: httpAlwaysReadyInstances
    authClientId: authClientId
    authTenantId: tenant().tenantId
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    subnetId: functionsSubnetId
  }
  // The app resolves Key Vault references and reaches storage at start-up: grant its roles (and, isolated, its
  // network) first.
  dependsOn: [roles, network]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: names.alertPrefix
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    alertEmail: alertEmail
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_SERVICEBUS_TOPIC string = serviceBus.outputs.topicName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
