// Three alerts: a message parked in a poison queue, failed executions, and a webhook endpoint answering slowly.

@description('Prefix of the alert rule names (derived from the environment name).')
param namePrefix string

@description('Azure region of the log alert rules.')
param location string

@description('Tags applied to the alert rules.')
param tags object

@description('Resource id of the Application Insights component.')
param applicationInsightsId string

@description('Resource id of the Log Analytics workspace receiving the storage queue logs.')
param logAnalyticsWorkspaceId string

@description('E-mail address that receives the alerts; empty creates the rules without a notification.')
param alertEmail string

@description('Webhook p95 duration (ms) above which the slow-webhook alert fires; providers allow about 3000 ms.')
@minValue(100)
param webhookSlowThresholdMs int = 2000

@description('Failed executions (HTTP 5xx or thrown exceptions) in 15 minutes that fire the failed-executions alert.')
@minValue(1)
param failedExecutionsThreshold int = 5

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('mentoring', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmail) ? {} : { actionGroups: [actionGroup.id] }

func rule(query string, threshold int) object => {
  allOf: [
    {
      query: query
      timeAggregation: 'Count'
      operator: 'GreaterThanOrEqual'
      threshold: threshold
      failingPeriods: {
        numberOfEvaluationPeriods: 1
        minFailingPeriodsToAlert: 1
      }
    }
  ]
}

// A PutMessage into any "<queue>-poison" queue: the host parks a message there after 5 failed tries.
resource poisonQueue 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-poison-queue-not-empty'
  location: location
  tags: tags
  properties: {
    displayName: 'A message was parked in a poison queue'
    description: 'Inspect and replay it through the admin API (poison messages), then fix the cause.'
    severity: 2
    enabled: true
    scopes: [logAnalyticsWorkspaceId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: rule('StorageQueueLogs | where OperationName == "PutMessage" and Uri has "-poison/messages"', 1)
    autoMitigate: false
    actions: actions
  }
}

resource failedExecutions 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-failed-executions'
  location: location
  tags: tags
  properties: {
    displayName: 'Function executions are failing'
    description: 'Executions that threw or answered 5xx. Signature rejections (4xx) are not failures.'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: rule('requests | where success == false and not(resultCode startswith "4")', failedExecutionsThreshold)
    autoMitigate: true
    actions: actions
  }
}

resource slowWebhooks 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-slow-webhooks'
  location: location
  tags: tags
  properties: {
    displayName: 'A webhook endpoint answers slowly'
    description: 'Providers give about 3 s to acknowledge; Graph drops notifications when more than 15% are slow.'
    severity: 2
    enabled: true
    scopes: [applicationInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: rule(
      'requests | where url has "/api/webhooks/" | summarize p95 = percentile(duration, 95) by name | where p95 > ${webhookSlowThresholdMs}',
      1
    )
    autoMitigate: true
    actions: actions
  }
}
