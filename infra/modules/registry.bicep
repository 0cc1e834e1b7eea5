// Azure Container Registry for the GPU worker image. The admin user is off: the Container App
// pulls with the app identity (AcrPull); azd pushes with the deploying principal (AcrPush).

@description('Registry name (5-50 alphanumerics).')
@minLength(5)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the registry.')
param tags object

@description('Principal id of the app identity (granted AcrPull).')
param appPrincipalId string

@description('Object id of the deploying principal; empty skips its AcrPush assignment.')
param deployerPrincipalId string = ''

@description('Object type of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

// AcrPull (7f951dda-4ed3-4680-a7ca-43fe172d538d).
resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, appPrincipalId, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// AcrPush (8311e382-0749-4cb8-b61a-304f252e45ec) so `azd deploy` can push without admin keys.
resource acrPush 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(registry.id, deployerPrincipalId, '8311e382-0749-4cb8-b61a-304f252e45ec')
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8311e382-0749-4cb8-b61a-304f252e45ec')
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

output id string = registry.id
output name string = registry.name
output loginServer string = registry.properties.loginServer
