// Cosmos DB for NoSQL holding the knowledge graph. Local (key) auth is disabled: the app
// identity and the deploying principal get the built-in data-plane role instead.

@description('Cosmos DB account name.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Database name.')
param databaseName string = 'graphfusion'

@description('Serverless capacity mode (pay per request). False uses provisioned throughput.')
param useServerless bool = true

@description('Shared database throughput in RU/s, used only when useServerless is false.')
@minValue(400)
param throughput int = 400

@description('Principal id of the app identity.')
param appPrincipalId string

@description('Object id of the deploying principal; empty skips its data-plane role.')
param deployerPrincipalId string = ''

// Containers and their partition keys. `relations` is partitioned by head entity so the
// outgoing edges of a node live together.
var containerDefinitions = [
  {
    name: 'documents'
    partitionKey: '/id'
  }
  {
    name: 'claims'
    partitionKey: '/key'
  }
  {
    name: 'entities'
    partitionKey: '/id'
  }
  {
    name: 'relations'
    partitionKey: '/headId'
  }
  {
    name: 'state'
    partitionKey: '/id'
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: useServerless
      ? [
          {
            name: 'EnableServerless'
          }
        ]
      : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: useServerless ? {} : { throughput: throughput }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containerDefinitions: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKey
          ]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [
            {
              path: '/*'
            }
          ]
          excludedPaths: [
            {
              path: '/evidence/*'
            }
            {
              path: '/"_etag"/?'
            }
          ]
        }
      }
    }
  }
]

// Cosmos DB Built-in Data Contributor: data-plane role definition
// 00000000-0000-0000-0000-000000000002 (read/write items, run queries, change feed).
resource appDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, appPrincipalId, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: appPrincipalId
    scope: account.id
  }
}

resource deployerDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(deployerPrincipalId)) {
  parent: account
  name: guid(account.id, deployerPrincipalId, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: deployerPrincipalId
    scope: account.id
  }
}

output id string = account.id
output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerNames array = [for (c, i) in containerDefinitions: containers[i].name]
