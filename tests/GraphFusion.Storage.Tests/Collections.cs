using GraphFusion.Testing;

namespace GraphFusion.Storage.Tests;

[CollectionDefinition(CosmosFixture.CollectionName)]
public sealed class CosmosCollection : ICollectionFixture<CosmosFixture>;
