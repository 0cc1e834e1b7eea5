// GraphFusion: everything `azd up` provisions. Secure by default: every data-plane connection
// uses the shared user-assigned managed identity and Entra ID; key/shared-key auth is disabled
// on Storage, Cosmos DB, Event Grid and Azure OpenAI, and no account key reaches an app setting.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used to derive resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Primary region (must offer Flex Consumption and, unless gpuProfile is cpu, serverless GPUs).')
param location string

@description('Object id of the user or service principal running azd (data-plane access for experiments); empty skips it.')
param principalId string = ''

@description('Object type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Serverless GPU workload profile for the GPU worker, or cpu to run it on the Consumption profile.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
  'cpu'
])
param gpuProfile string = 'Consumption-GPU-NC8as-T4'

@description('GPU worker image (set by azd after the first deploy); empty uses a placeholder.')
param gpuWorkerImageName string = ''

@description('Audience the GPU worker accepts tokens for (application ID URI of an app registration). Empty uses the app identity\'s client id.')
param gpuWorkerAudience string = ''

@description('Maximum GPU worker replicas.')
@minValue(1)
param gpuWorkerMaxReplicas int = 2

@description('Cosmos DB serverless capacity mode; false uses provisioned throughput.')
param useServerless bool = true

@description('Shared Cosmos DB database throughput (RU/s) when useServerless is false.')
@minValue(400)
param throughput int = 400

@description('Deploy an Azure OpenAI account and chat model and point the app at it.')
param deployOpenAi bool = false

@description('Azure OpenAI region (defaults to location; model availability varies by region).')
param openAiLocation string = ''

@description('Azure OpenAI model (and deployment) name.')
param openAiModelName string = 'gpt-4o-mini'

@description('Azure OpenAI model version.')
param openAiModelVersion string = '2024-07-18'

@description('Azure OpenAI deployment capacity (thousands of tokens per minute).')
@minValue(1)
param openAiCapacity int = 30

@description('Schema of the outgoing events topic.')
@allowed([
  'CloudEventSchemaV1_0'
  'EventGridSchema'
])
param eventGridInputSchema string = 'CloudEventSchemaV1_0'

@description('Create the Event Grid subscription feeding the blob trigger. Needs the deployed app (see docs/deploy.md).')
param enableBlobEventSubscription bool = false

@description('NCRONTAB schedule of the re-fusion timer.')
param refuseSchedule string = '0 0 3 * * *'

var abbrs = {
  resourceGroup: 'rg-'
  identity: 'id-'
  logAnalytics: 'log-'
  applicationInsights: 'appi-'
  storage: 'st'
  cosmos: 'cosmos-'
  eventGridTopic: 'evgt-'
  eventGridSystemTopic: 'evgst-'
  openAi: 'oai-'
  registry: 'cr'
  containerAppsEnvironment: 'cae-'
  containerApp: 'ca-'
  functionPlan: 'plan-'
  functionApp: 'func-'
}

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = '${abbrs.functionApp}${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'
var cosmosDatabaseName = 'graphfusion'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.identity}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.logAnalytics}${resourceToken}'
    applicationInsightsName: '${abbrs.applicationInsights}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storage}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.cosmos}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    useServerless: useServerless
    throughput: throughput
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
  }
}

module eventGridTopic 'modules/eventgrid-topic.bicep' = {
  name: 'eventgrid-topic'
  scope: rg
  params: {
    name: '${abbrs.eventGridTopic}${resourceToken}'
    location: location
    tags: tags
    inputSchema: eventGridInputSchema
    appPrincipalId: identity.outputs.principalId
  }
}

module openAi 'modules/openai.bicep' = if (deployOpenAi) {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.openAi}${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    capacity: openAiCapacity
    appPrincipalId: identity.outputs.principalId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: '${abbrs.registry}${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module containerApps 'modules/container-apps.bicep' = {
  name: 'container-apps'
  scope: rg
  params: {
    environmentName: '${abbrs.containerAppsEnvironment}${resourceToken}'
    appName: '${abbrs.containerApp}gpu-${resourceToken}'
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': 'gpu-worker' })
    gpuProfile: gpuProfile
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    registryLoginServer: registry.outputs.loginServer
    imageName: gpuWorkerImageName
    entraTenantId: tenant().tenantId
    entraAudience: empty(gpuWorkerAudience) ? identity.outputs.clientId : gpuWorkerAudience
    maxReplicas: gpuWorkerMaxReplicas
  }
  // registry.outputs makes this module wait for the whole registry module, so the AcrPull
  // assignment exists before the first image pull.
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.functionPlan}${resourceToken}'
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': 'functions' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    refuseSchedule: refuseSchedule
    gpuWorkerUrl: containerApps.outputs.appUri
    gpuWorkerAudience: empty(gpuWorkerAudience) ? identity.outputs.clientId : gpuWorkerAudience
    llmProvider: deployOpenAi ? 'azure-openai' : ''
    llmEndpoint: deployOpenAi ? openAi!.outputs.endpoint : ''
    llmModel: deployOpenAi ? openAi!.outputs.deploymentName : ''
    eventGridTopicEndpoint: eventGridTopic.outputs.endpoint
  }
}

module blobEvents 'modules/blob-events.bicep' = {
  name: 'blob-events'
  scope: rg
  params: {
    systemTopicName: '${abbrs.eventGridSystemTopic}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    functionAppName: functionApp.outputs.name
    functionName: 'OnDocumentUploaded'
    containerName: 'documents'
    enableSubscription: enableBlobEventSubscription
  }
}

// azd conventions
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_ENVIRONMENT_NAME string = containerApps.outputs.environmentName
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output SERVICE_FUNCTIONS_NAME string = functionApp.outputs.name
output SERVICE_FUNCTIONS_URI string = 'https://${functionApp.outputs.defaultHostName}'
output SERVICE_GPU_WORKER_NAME string = containerApps.outputs.appName
output SERVICE_GPU_WORKER_URI string = containerApps.outputs.appUri

// Used by docs/deploy.md
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output EVENTGRID_TOPIC_ENDPOINT string = eventGridTopic.outputs.endpoint
output EVENTGRID_SYSTEM_TOPIC_NAME string = blobEvents.outputs.systemTopicName
output BLOB_EVENT_SUBSCRIPTION_ENABLED bool = blobEvents.outputs.subscriptionEnabled
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output OPENAI_ENDPOINT string = deployOpenAi ? openAi!.outputs.endpoint : ''
