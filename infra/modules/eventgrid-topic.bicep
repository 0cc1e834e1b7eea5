// Event Grid custom topic for the events GraphFusion publishes (document processed, graph
// updated, ...). Local (key/SAS) auth is disabled: publishers use Entra ID.

@description('Event Grid topic name.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the topic.')
param tags object

@description('Schema the publisher uses.')
@allowed([
  'CloudEventSchemaV1_0'
  'EventGridSchema'
])
param inputSchema string = 'CloudEventSchemaV1_0'

@description('Principal id of the app identity (granted EventGrid Data Sender).')
param appPrincipalId string

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: inputSchema
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    minimumTlsVersionAllowed: '1.2'
  }
}

// EventGrid Data Sender (d5a91429-5739-47e2-a06b-3470a27159e7).
resource dataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, appPrincipalId, 'd5a91429-5739-47e2-a06b-3470a27159e7')
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'd5a91429-5739-47e2-a06b-3470a27159e7')
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = topic.id
output name string = topic.name
output endpoint string = topic.properties.endpoint
