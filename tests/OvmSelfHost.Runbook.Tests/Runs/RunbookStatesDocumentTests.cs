using OvmSelfHost.Runbook.Runs;

namespace OvmSelfHost.Runbook.Tests.Runs;

public sealed class RunbookStatesDocumentTests
{
    /// <summary>The picture in docs/ is generated from the machine; this fails when they drift apart.</summary>
    [Fact]
    public void The_documented_state_machine_is_the_one_in_the_code()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "OvmSelfHost.sln")))
        {
            root = Directory.GetParent(root)!.FullName;
        }

        var document = File.ReadAllText(Path.Combine(root, "docs", "runbook-states.md")).ReplaceLineEndings("\n");

        Assert.Contains($"```mermaid\n{RunStateMachine.Graph().ReplaceLineEndings("\n").Trim()}\n```", document);
    }
}
