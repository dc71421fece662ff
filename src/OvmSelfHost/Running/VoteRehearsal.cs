using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Runbook.Definition;
using OvmSelfHost.Runbook.Engine;
using OvmSelfHost.Runbook.Gates;
using OvmSelfHost.Runbook.People;
using OvmSelfHost.Runbook.Runs;
using OvmSelfHost.Runbook.Settings;
using OvmSelfHost.Storage;
using OvmSelfHost.Web;

namespace OvmSelfHost.Running;

/// <summary>
/// Right after start, off the request path: a vote rehearsed end to end, so that the first vote this replica takes is as
/// quick as the next ones (a fresh replica answered its first vote 100-250 ms later than the next, building the decision,
/// the save and the chat lines for the first time). First the store's reads and a save on a made-up run inside a
/// transaction that is rolled back; then an approval through the engine, as the console sends it, on a made-up run that
/// only this process's copy holds: it is decided, and its save built and sent like any other (delivery claim, guards,
/// outbox rows, NOTIFY), then voided by its own version check, as a save over a stale copy is; decided again on a fresh
/// read, the run is not there. Both made-up runs look like a real one at its first gate (<see cref="MadeUpRun"/>). Last,
/// once the host listens, a console vote's request over HTTP that names no proposal and is refused. Nothing is committed
/// and nobody is told. A failure only costs the first vote its speed.
/// </summary>
internal sealed partial class VoteRehearsal(
    EfMigrationStore store, MigrationEngine engine, RunbookSettings settings, TimeProvider time, ILogger<VoteRehearsal> logger,
    IServer? server = null, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <summary>The rehearsal ran to its end (or failed, or was stopped): the first vote here pays nothing more for it.</summary>
    public bool IsOver => ExecuteTask?.IsCompleted == true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.FindAsync(Guid.Empty, stoppingToken);
            if (MadeUpRun.AtFirstGate(settings, time.GetUtcNow()) is { } run)
            {
                await store.RehearseVoteAsync(run, stoppingToken);
            }

            await RehearseApprovalAsync(stoppingToken);
            await RehearseRequestAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRehearsalFailed(logger, ex);
        }
    }

    private async Task RehearseApprovalAsync(CancellationToken cancellationToken)
    {
        if (MadeUpRun.AtFirstGate(settings, time.GetUtcNow()) is not { } run || GateOpening.WaitingIn(run) is not { } opening
            || engine.Voters(run, opening).FirstOrDefault(v => v.MayVote) is not { } voter)
        {
            return;
        }

        store.TakeMadeUpCopy(run);
        try
        {
            var outcome = await engine.DecideAsync(run.Id, voter.Person.Name, "web", VoteDecision.Approve, reason: null, cancellationToken, opening,
                new Authentication("rehearsal", SignedInAt: time.GetUtcNow()),
                new DeliveryReceipt(DeliveryKey.Of("rehearsal", run.Id.ToString("N")), "web", o => new StoredOutcome(o.Kind, o.Message).ToJson()));
            if (outcome.Succeeded)
            {
                throw new InvalidOperationException($"The rehearsal's approval of made-up run {run.Id} reports a save; it must be voided by its version check.");
            }
        }
        finally
        {
            store.ForgetCopy(run.Id);
        }
    }

    /// <summary>
    /// Once the host listens: a console vote's request, sent to this host over HTTP, whose proposal key names no proposal. It
    /// goes through what the engine rehearsal cannot reach (the server's reading of a request body, the middleware, the
    /// endpoint, the body's JSON, who asks) and is refused before the engine is asked (400; 401 with sign-in on), so it
    /// changes nothing. A host listening on HTTPS alone skips it, and so does one that is not served by Kestrel.
    /// </summary>
    private async Task RehearseRequestAsync(CancellationToken cancellationToken)
    {
        // Only Kestrel listens at the addresses it lists; an in-memory server (the host tests') lists the configured ones.
        if (server?.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) != true || lifetime is null)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }

        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(OnThisMachine).FirstOrDefault(a => a is not null) is not { } address)
        {
            return;
        }

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/proposals/rehearsal/votes")
        {
            Content = JsonContent.Create(new { user = "rehearsal", decision = "approve" }),
        };
        request.Headers.UserAgent.ParseAdd("OvmSelfHost-vote-rehearsal");
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || (int)response.StatusCode >= 500)
        {
            LogRequestNotRefused(logger, (int)response.StatusCode);
        }
    }

    /// <summary>Where this host answers plain HTTP from this machine: a wildcard address becomes loopback; null for HTTPS.</summary>
    private static Uri? OnThisMachine(string address)
    {
        var uri = ListenAddress.Parse(address);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }

        var wildcard = uri.Host is "0.0.0.0" or "[::]";
        return new UriBuilder(uri) { Host = wildcard ? "127.0.0.1" : uri.Host, Path = "/" }.Uri;
    }

    [LoggerMessage(EventId = 4901, Level = LogLevel.Warning, Message = "Rehearsing a vote at start failed (nothing was committed); the first vote here will be slower.")]
    private static partial void LogRehearsalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4902, Level = LogLevel.Warning,
        Message = "The vote rehearsal's request for no proposal (POST /api/proposals/rehearsal/votes) was answered {Status}; it should have been refused with 400 or 401.")]
    private static partial void LogRequestNotRefused(ILogger logger, int status);
}
