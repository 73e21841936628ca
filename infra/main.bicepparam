// Parameters for main.bicep. azd sets AZURE_ENV_NAME, AZURE_LOCATION and AZURE_PRINCIPAL_ID; everything else is
// optional and read from the azd environment (azd env set NAME value) or the shell.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'mentoring-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param operatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param authClientId = readEnvironmentVariable('ADMIN_AUTH_CLIENT_ID', '')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')
// Required: no default, so provisioning stops here, naming the variable, until it is set.
param emailFromAddress = readEnvironmentVariable('EMAIL_FROM_ADDRESS')
param emailFromName = readEnvironmentVariable('EMAIL_FROM_NAME', 'Mentoring program')
param networkIsolation = bool(readEnvironmentVariable('NETWORK_ISOLATION', 'false'))
param operatorIpAddresses = empty(readEnvironmentVariable('OPERATOR_IP_ADDRESSES', '')) ? [] : split(readEnvironmentVariable('OPERATOR_IP_ADDRESSES', ''), ',')
param httpAlwaysReadyInstances = 1
param maximumInstanceCount = 40
param instanceMemoryMB = 2048

// Secrets: empty leaves the Key Vault secret as it is, so a redeploy never blanks a rotated value.
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param calcomWebhookSecret = readEnvironmentVariable('CALCOM_WEBHOOK_SECRET', '')
param calendlyWebhookSecret = readEnvironmentVariable('CALENDLY_WEBHOOK_SECRET', '')
param zoomWebhookSecret = readEnvironmentVariable('ZOOM_WEBHOOK_SECRET', '')
param graphClientState = readEnvironmentVariable('GRAPH_CLIENT_STATE', '')
param googleChannelToken = readEnvironmentVariable('GOOGLE_CHANNEL_TOKEN', '')
param linksSigningKey = readEnvironmentVariable('LINKS_SIGNING_KEY', '')
param adminBootstrapKey = readEnvironmentVariable('ADMIN_BOOTSTRAP_KEY', '')
param sendGridEventWebhookPublicKey = readEnvironmentVariable('SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY', '')
