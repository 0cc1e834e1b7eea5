// Event Grid system topic on the storage account and (optionally) the subscription that feeds
// BlobCreated events for the `documents` container to the Function App's blob trigger
// (Event Grid source). The webhook URL must carry the `blobs_extension` system key: it is read
// with listKeys on the Functions host here and written only into the subscription's
// destination, which Event Grid stores write-only (it never returns the full URL). It is never
// put into an app setting or an output.
//
// The key exists only once the app code (with the Event Grid-source blob trigger) has been
// deployed and the host has started, so the subscription is created on a second provision
// (enableSubscription = true), see docs/deploy.md.

@description('System topic name.')
param systemTopicName string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the system topic.')
param tags object

@description('Storage account whose blob events are published.')
param storageAccountName string

@description('Function App hosting the OnDocumentUploaded blob trigger.')
param functionAppName string

@description('Blob trigger function name.')
param functionName string = 'OnDocumentUploaded'

@description('Blob container watched by the trigger.')
param containerName string = 'documents'

@description('Create the webhook subscription (requires the deployed app and its blobs_extension key).')
param enableSubscription bool = false

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (enableSubscription) {
  parent: systemTopic
  name: 'documents-to-${functionName}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
      isSubjectCaseSensitive: false
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = systemTopic.name
output subscriptionEnabled bool = enableSubscription
