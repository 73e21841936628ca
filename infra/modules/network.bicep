// Only with networkIsolation: a virtual network with two subnets. The Function App joins 'functions' (Flex Consumption
// delegates it to Microsoft.App/environments and wants it for nothing else); storage (blob, queue, table) and Key Vault
// are reached through private endpoints in 'private-endpoints', resolved by private DNS zones linked to the network.

@description('Name of the virtual network.')
param name string

@description('Azure region of the network (the Function App\'s).')
param location string

@description('Tags applied to every resource here.')
param tags object

@description('Name of the subnet the Function App is integrated into.')
param functionsSubnetName string

@description('Resource id of the storage account reached privately.')
param storageAccountId string

@description('Resource id of the Key Vault reached privately.')
param keyVaultId string

var endpointsSubnetName = 'private-endpoints'
var storageSuffix = environment().suffixes.storage
var targets = [
  { name: 'blob', zone: 'privatelink.blob.${storageSuffix}' }
  { name: 'queue', zone: 'privatelink.queue.${storageSuffix}' }
  { name: 'table', zone: 'privatelink.table.${storageSuffix}' }
  { name: 'vault', zone: 'privatelink.vaultcore.azure.net' }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: ['10.40.0.0/16']
    }
    subnets: [
      {
        name: functionsSubnetName
        properties: {
          addressPrefix: '10.40.0.0/24'
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: endpointsSubnetName
        properties: {
          addressPrefix: '10.40.1.0/24'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for target in targets: {
    name: target.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (target, i) in targets: {
    parent: zones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for target in targets: {
    name: 'pe-${target.name}-${name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, endpointsSubnetName)
      }
      privateLinkServiceConnections: [
        {
          name: target.name
          properties: {
            privateLinkServiceId: target.name == 'vault' ? keyVaultId : storageAccountId
            groupIds: [target.name]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (target, i) in targets: {
    parent: endpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: target.name
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]

output functionsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, functionsSubnetName)
