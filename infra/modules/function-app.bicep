// Function App on the Flex Consumption plan (FC1). Every connection is identity-based: the
// user-assigned identity's client id is the only credential-like value in the app settings.
// Flex Consumption keeps runtime, deployment and scale settings in functionAppConfig, so
// FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION / WEBSITE_RUN_FROM_PACKAGE are not set.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region (must support Flex Consumption).')
param location string

@description('Tags applied to the plan.')
param tags object

@description('Tags applied to the Function App (must include azd-service-name).')
param appTags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Host storage account name (identity-based AzureWebJobsStorage).')
param storageAccountName string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('NCRONTAB schedule of the re-fusion timer.')
param refuseSchedule string

@description('Base URL of the GPU worker.')
param gpuWorkerUrl string

@description('Audience of the tokens the app requests for the GPU worker.')
param gpuWorkerAudience string

@description('Chat model provider; empty uses the offline extractor.')
param llmProvider string = ''

@description('Chat model endpoint; empty when llmProvider is empty.')
param llmEndpoint string = ''

@description('Chat model (Azure OpenAI deployment) name; empty when llmProvider is empty.')
param llmModel string = ''

@description('Event Grid custom topic endpoint for outgoing events.')
param eventGridTopicEndpoint string

@description('Functions runtime version for dotnet-isolated.')
param runtimeVersion string = '10.0'

@description('Maximum instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

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

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: appTags
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
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Host storage: Durable Functions task hub (queues, tables), blob trigger, timers.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // DefaultAzureCredential in the worker process picks the user-assigned identity.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        {
          name: 'GraphStore__Provider'
          value: 'cosmos'
        }
        {
          name: 'GraphStore__Cosmos__Endpoint'
          value: cosmosEndpoint
        }
        {
          name: 'GraphStore__Cosmos__Database'
          value: cosmosDatabaseName
        }
        {
          name: 'GraphStore__Cosmos__AllowBulk'
          value: 'true'
        }
        {
          name: 'RefuseSchedule'
          value: refuseSchedule
        }
        {
          name: 'LinkPrediction__Enabled'
          value: 'true'
        }
        {
          name: 'LinkPrediction__TargetPrecision'
          value: '0.9'
        }
        {
          name: 'GpuWorker__Url'
          value: gpuWorkerUrl
        }
        {
          name: 'GpuWorker__Audience'
          value: gpuWorkerAudience
        }
        // Empty values (OpenAI not deployed) select the offline extractor.
        {
          name: 'Llm__Provider'
          value: llmProvider
        }
        {
          name: 'Llm__Endpoint'
          value: llmEndpoint
        }
        {
          name: 'Llm__Model'
          value: llmModel
        }
        {
          name: 'Events__EventGridTopicEndpoint'
          value: eventGridTopicEndpoint
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

// No basic (user/password) publishing: deployments authenticate with Entra ID.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
