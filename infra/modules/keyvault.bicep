// Key Vault in RBAC mode with purge protection. It holds the SendGrid key and the webhook and link-signing secrets;
// the app reads them only through Key Vault references in its app settings.

@description('Name of the Key Vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Secret values keyed by secret name. An empty value leaves that secret as it is (set it with az keyvault secret set).')
@secure()
param secretValues object

@description('Days a deleted vault or secret can be recovered (purge protection forbids purging before then).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Network isolation: only private endpoints and allowedIpAddresses get in (false: every network, Entra ID still required).')
param isolated bool = false

@description('With isolation: operators\' public IP addresses or CIDR ranges (deploying the package, setting secrets).')
param allowedIpAddresses array = []

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: isolated ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
      ipRules: isolated ? map(allowedIpAddresses, ip => { value: ip }) : []
    }
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for item in items(secretValues): if (!empty(item.value)) {
    parent: vault
    name: item.key
    properties: {
      value: item.value
      contentType: 'text/plain'
    }
  }
]

output name string = vault.name
output id string = vault.id
// Ends with a slash: https://<name>.vault.azure.net/
output uri string = vault.properties.vaultUri
