namespace OvmSelfHost.Simulator.Jobs;

/// <summary>Thrown by a job's work: the job ends in FAILURE with <c>error{message,type}</c>.</summary>
internal sealed class JobFailedException(string code, string text, string type = "RULE")
    : Exception($"{code}:{text}")
{
    public string Code => code;
    public string Type => type;
}
