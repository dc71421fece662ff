using System.Net;
using Microsoft.Data.Sqlite;
using OvmSelfHost.Tests.Support;

namespace OvmSelfHost.Tests.Endpoints;

public sealed class AuditVerifyApiTests
{
    [Fact]
    public async Task JournalEditedInTheDatabase_VerifyByApiAndCommand_NamesTheFirstBrokenEntry()
    {
        await using var host = new HostFactory();
        var client = host.CreateClient();
        var id = (await (await client.PostJsonAsync("/api/migrations", new { environments = new[] { "A", "B" }, requestedBy = "alice" })).ReadAsync()).GetProperty("id").GetGuid();
        await client.PostJsonAsync($"/api/migrations/{id}/actions", new { user = "alice", action = "abort" });
        var entries = (await (await client.GetAsync($"/api/migrations/{id}/audit")).ReadAsync()).GetArrayLength();

        var intact = await (await client.GetAsync($"/api/migrations/{id}/audit/verify")).ReadAsync();
        Assert.True(intact.GetProperty("intact").GetBoolean());
        Assert.True(entries >= 2);
        Assert.Equal(entries, intact.GetProperty("chained").GetInt32());

        await using (var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE ovm_audit SET \"Actor\" = 'mallory' WHERE \"Id\" = (SELECT MIN(\"Id\") FROM ovm_audit)";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        var broken = await (await client.GetAsync($"/api/migrations/{id}/audit/verify")).ReadAsync();
        var typed = await (await client.PostJsonAsync("/api/commands", new { user = "carol", text = $"/ovm audit {id.ToString()[..8]} verify" })).ReadAsync();
        var unknown = await client.GetAsync($"/api/migrations/{Guid.NewGuid()}/audit/verify");
        var badWord = await client.PostJsonAsync("/api/commands", new { user = "carol", text = $"/ovm audit {id.ToString()[..8]} check" });

        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(1, broken.GetProperty("firstBrokenPosition").GetInt32());
        Assert.StartsWith("Journal broken at entry 1 (#", broken.GetProperty("message").GetString());
        Assert.Contains("mallory", broken.GetProperty("message").GetString());
        Assert.Equal(broken.GetProperty("message").GetString(), typed.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badWord.StatusCode);
    }
}
