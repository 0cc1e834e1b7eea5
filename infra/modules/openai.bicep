// Optional Azure OpenAI account with one chat model deployment. Key auth is disabled; the app
// identity gets Cognitive Services OpenAI User.

@description('Azure OpenAI account name (also its custom subdomain).')
param name string

@description('Azure region (the model must be available there).')
param location string

@description('Tags applied to the account.')
param tags object

@description('Deployment (and model) name, e.g. gpt-4o-mini.')
param modelName string

@description('Model version, e.g. 2024-07-18.')
param modelVersion string

@description('Deployment capacity in thousands of tokens per minute.')
@minValue(1)
param capacity int

@description('Deployment SKU.')
@allowed([
  'Standard'
  'GlobalStandard'
  'DataZoneStandard'
])
param deploymentSku string = 'GlobalStandard'

@description('Principal id of the app identity.')
param appPrincipalId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: modelName
  sku: {
    name: deploymentSku
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
  }
}

// Cognitive Services OpenAI User (5e0bd9bd-7b93-4f28-af87-19fc36ad61bd): inference calls only.
resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appPrincipalId, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = account.id
output name string = account.name
output endpoint string = account.properties.endpoint
output deploymentName string = deployment.name
