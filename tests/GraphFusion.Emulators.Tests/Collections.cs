using GraphFusion.Testing;

namespace GraphFusion.Emulators.Tests;

[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;

[CollectionDefinition(CosmosFixture.CollectionName)]
public sealed class CosmosCollection : ICollectionFixture<CosmosFixture>;
