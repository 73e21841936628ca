using Mentoring.Testing;

namespace Mentoring.Tests;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
