// Service Bus namespace and the integration-events topic. Standard tier: Basic has no topics.
// Local (SAS key) auth is off: senders authenticate with Entra ID.

@description('Name of the Service Bus namespace.')
param name string

@description('Azure region of the namespace.')
param location string

@description('Tags applied to the namespace.')
param tags object

@description('Topic the app publishes integration events to (pair.at_risk, meeting.held, ...).')
param topicName string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource topic 'topics' = {
    name: topicName
    properties: {
      defaultMessageTimeToLive: 'P14D'
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT1H'
    }
  }
}

output name string = namespace.name
output topicName string = namespace::topic.name
// e.g. mynamespace.servicebus.windows.net, taken from the endpoint so no cloud suffix is hard-coded.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
