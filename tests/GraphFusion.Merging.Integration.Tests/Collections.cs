using GraphFusion.Testing;

namespace GraphFusion.Merging.Integration.Tests;

[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
