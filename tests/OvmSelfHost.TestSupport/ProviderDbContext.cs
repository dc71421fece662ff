using Microsoft.EntityFrameworkCore;

namespace OvmSelfHost.TestIdentityProvider;

/// <summary>OpenIddict's applications, authorizations and tokens, in memory: the provider lives as long as its test.</summary>
internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
