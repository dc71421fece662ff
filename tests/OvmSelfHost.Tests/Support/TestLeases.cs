using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OvmSelfHost.Replicas;
using OvmSelfHost.Storage;

namespace OvmSelfHost.Tests.Support;

/// <summary>The database's leases for an engine under test, as replica <paramref name="name"/> would hold them.</summary>
internal static class TestLeases
{
    /// <param name="duration">Long by default: engines under test are not renewed by a driver, and some tests move the clock by days.</param>
    public static EfLeases For(IDbContextFactory<MigrationDbContext> db, string name, TimeProvider time, TimeSpan? duration = null) =>
        new(db, ReplicaIdentity.Start(name), Options.Create(new ReplicaOptions
        {
            Name = name,
            LeaseDuration = duration ?? TimeSpan.FromDays(400),
            RelayLeaseDuration = duration ?? TimeSpan.FromDays(400),
        }), time);
}
