// User-assigned managed identity shared by the Function App and the GPU worker Container App.
// Every data-plane role assignment in this template targets this identity, so both apps reach
// Storage, Cosmos DB, Event Grid, Azure OpenAI and the container registry without any key.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
