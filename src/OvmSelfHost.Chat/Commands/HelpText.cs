namespace OvmSelfHost.Chat.Commands;

internal static class HelpText
{
    public const string Text = """
        OvmSelfHost moves each environment's Oracle VM Manager into an HA VM hosted by the other environment.
        /ovm help                      this text
        /ovm envs                      the configured environments
        /ovm plan <A> <B>              the steps of both phases, their risks and gates, and the state machine
        /ovm check <A> <B>             the pair's readiness checks, now (read-only)
        /ovm start <A> <B> [now | window <name>]   request a migration of the pair
        /ovm status [<id>]             all migrations, or one in detail
        /ovm approve <id> <gate>       approve the gate that waits, named as /ovm status shows it; the name is
                                       the confirmation, e.g. /ovm approve 3f2a9c1e StopOldManager
        /ovm reject <id> <gate> <reason>   reject it (a reason is required)
        /ovm pause|resume|retry|abort|rollback <id>
        /ovm windows                   maintenance windows and their next openings
        /ovm why <id>                  what a migration is waiting for
        /ovm audit <id> [verify]       the journal of a migration; verify checks its hash chain
        Ids may be shortened to their first 8 characters. A decision counts only for the gate opening
        that waited when it was sent: a late or repeated one records nothing.
        """;
}
