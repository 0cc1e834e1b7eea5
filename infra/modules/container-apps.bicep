// Container Apps environment (workload profiles, optional serverless GPU profile) and the GPU
// worker Container App. The image comes from the project's registry, pulled with the app
// identity; the worker validates Entra ID bearer tokens issued for `entraAudience`.

@description('Container Apps environment name.')
param environmentName string

@description('GPU worker Container App name.')
param appName string

@description('Azure region (serverless GPUs exist only in some regions).')
param location string

@description('Tags applied to the environment.')
param tags object

@description('Tags applied to the Container App (must include azd-service-name).')
param appTags object

@description('Serverless GPU workload profile type, or cpu for the Consumption profile only.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
  'cpu'
])
param gpuProfile string = 'Consumption-GPU-NC8as-T4'

@description('Resource id of the Log Analytics workspace receiving the environment logs.')
param logAnalyticsWorkspaceId string

@description('Application Insights connection string passed to the worker.')
param applicationInsightsConnectionString string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Login server of the container registry, e.g. myacr.azurecr.io.')
param registryLoginServer string

@description('Image to run; empty uses a public placeholder until the first azd deploy.')
param imageName string = ''

@description('Entra ID tenant whose tokens the worker accepts.')
param entraTenantId string

@description('Audience (application ID URI or client id) the worker accepts tokens for.')
param entraAudience string

@description('Concurrent HTTP requests per replica before another replica is added.')
@minValue(1)
param concurrentRequests int = 4

@description('Upper bound on replicas (serverless GPU quota is per subscription and region).')
@minValue(1)
param maxReplicas int = 2

var useGpu = gpuProfile != 'cpu'
var gpuProfileName = 'gpu'

var consumptionProfile = {
  name: 'Consumption'
  workloadProfileType: 'Consumption'
}
var gpuWorkloadProfile = {
  name: gpuProfileName
  workloadProfileType: gpuProfile
}

// A replica on a serverless GPU profile gets the whole GPU; request the profile's full size.
var replicaSizes = {
  'Consumption-GPU-NC8as-T4': {
    cpu: 8
    memory: '56Gi'
  }
  'Consumption-GPU-NC24-A100': {
    cpu: 24
    memory: '220Gi'
  }
  cpu: {
    cpu: 2
    memory: '4Gi'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    // Logs flow through the diagnostic setting below (no workspace shared key needed).
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: useGpu ? [consumptionProfile, gpuWorkloadProfile] : [consumptionProfile]
    zoneRedundant: false
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: appTags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: useGpu ? gpuProfileName : 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'gpu-worker'
          image: !empty(imageName) ? imageName : 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
          resources: {
            cpu: replicaSizes[gpuProfile].cpu
            memory: replicaSizes[gpuProfile].memory
          }
          env: [
            {
              name: 'ASPNETCORE_URLS'
              value: 'http://+:8080'
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: identityClientId
            }
            {
              name: 'Auth__EntraTenantId'
              value: entraTenantId
            }
            {
              name: 'Auth__EntraAudience'
              value: entraAudience
            }
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: applicationInsightsConnectionString
            }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              initialDelaySeconds: 5
              periodSeconds: 10
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/healthz'
                port: 8080
              }
              periodSeconds: 30
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: 8080
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-concurrency'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequests)
              }
            }
          }
        ]
      }
    }
  }
}

output environmentId string = environment.id
output environmentName string = environment.name
output appName string = app.name
output appUri string = 'https://${app.properties.configuration.ingress.fqdn}'
