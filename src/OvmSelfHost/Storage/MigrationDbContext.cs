using Microsoft.EntityFrameworkCore;

namespace OvmSelfHost.Storage;

internal sealed class MigrationDbContext(DbContextOptions<MigrationDbContext> options) : DbContext(options)
{
    public DbSet<MigrationRow> Migrations => Set<MigrationRow>();
    public DbSet<StepRow> Steps => Set<StepRow>();
    public DbSet<VoteRow> Votes => Set<VoteRow>();
    public DbSet<IntentRow> Intents => Set<IntentRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<AuditLinkRow> AuditLinks => Set<AuditLinkRow>();
    public DbSet<EnvironmentClaimRow> EnvironmentClaims => Set<EnvironmentClaimRow>();
    public DbSet<ChatMessageRow> ChatMessages => Set<ChatMessageRow>();
    public DbSet<DeliveryClaimRow> DeliveryClaims => Set<DeliveryClaimRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    public DbSet<LeaseRow> Leases => Set<LeaseRow>();
    public DbSet<ReadinessRow> Readiness => Set<ReadinessRow>();
    public DbSet<VoteSignInRow> VoteSignIns => Set<VoteSignInRow>();

    public const string ChatMessagesTable = "ovm_chat_messages";
    public const string DeliveryClaimsTable = "ovm_delivery_claims";
    public const string OutboxTable = "ovm_outbox";
    public const string LeasesTable = "ovm_leases";
    public const string VoteSignInsTable = "ovm_vote_sign_ins";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MigrationRow>(e =>
        {
            e.ToTable("ovm_migrations");
            e.HasKey(m => m.Id);
            e.Property(m => m.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<StepRow>(e =>
        {
            e.ToTable("ovm_steps");
            e.HasIndex(s => new { s.MigrationId, s.Phase, s.Kind }).IsUnique();
        });
        modelBuilder.Entity<VoteRow>(e =>
        {
            e.ToTable("ovm_votes");
            e.HasIndex(v => new { v.MigrationId, v.Phase, v.Gate, v.Round, v.User }).IsUnique();
        });
        modelBuilder.Entity<IntentRow>(e =>
        {
            e.ToTable("ovm_intents");
            e.HasIndex(i => new { i.MigrationId, i.Phase, i.Key });
        });
        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("ovm_audit");
            e.HasIndex(a => a.MigrationId);
        });
        modelBuilder.Entity<AuditLinkRow>(e =>
        {
            e.ToTable("ovm_audit_links");
            e.HasKey(l => l.AuditId);
            e.HasOne(l => l.Entry).WithOne().HasForeignKey<AuditLinkRow>(l => l.AuditId);
            // One link per place in a migration's chain: two saves racing for the same place cannot both commit.
            e.HasIndex(l => new { l.MigrationId, l.Sequence }).IsUnique();
            e.Property(l => l.PreviousHash).HasMaxLength(64);
            e.Property(l => l.Hash).HasMaxLength(64);
        });
        modelBuilder.Entity<EnvironmentClaimRow>(e =>
        {
            e.ToTable("ovm_environment_claims");
            e.HasKey(c => c.Environment);
        });
        modelBuilder.Entity<ChatMessageRow>(e =>
        {
            e.ToTable(ChatMessagesTable);
            e.HasKey(m => new { m.Channel, m.MigrationId, m.Key });
        });
        modelBuilder.Entity<DeliveryClaimRow>(e =>
        {
            // Column names are fixed: EfDeliveryClaims claims with one portable INSERT … ON CONFLICT statement.
            e.ToTable(DeliveryClaimsTable);
            e.HasKey(c => c.Key);
            e.Property(c => c.Key).HasColumnName("key").HasMaxLength(Chat.Deduplication.DeliveryKey.MaxLength);
            e.Property(c => c.Channel).HasColumnName("channel").HasMaxLength(16);
            e.Property(c => c.ClaimedAt).HasColumnName("claimed_at");
            e.Property(c => c.ExpiresAt).HasColumnName("expires_at");
            e.Property(c => c.Answer).HasColumnName("answer");
            e.HasIndex(c => c.ExpiresAt);
        });
        modelBuilder.Entity<ReadinessRow>(e =>
        {
            e.ToTable("ovm_readiness");
            e.HasIndex(r => new { r.Pair, r.Id });
        });
        modelBuilder.Entity<VoteSignInRow>(e =>
        {
            e.ToTable(VoteSignInsTable);
            e.HasIndex(v => new { v.MigrationId, v.Phase, v.Gate, v.Round, v.User }).IsUnique();
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasIndex(r => new { r.Channel, r.Conversation, r.Id });
            e.HasIndex(r => r.DeliveredAt);
        });
        modelBuilder.Entity<LeaseRow>(e =>
        {
            e.ToTable(LeasesTable);
            e.HasKey(l => l.Key);
            e.Property(l => l.Key).HasMaxLength(300);
            e.Property(l => l.Replica).HasMaxLength(100);
            e.Property(l => l.Instance).HasMaxLength(120);
            e.HasIndex(l => l.Instance);
        });
    }
}
