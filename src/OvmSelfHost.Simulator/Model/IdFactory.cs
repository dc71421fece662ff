using System.Globalization;

namespace OvmSelfHost.Simulator.Model;

/// <summary>Makes ids in the formats of reference section 3 (32-hex with a type code, colon hex, epoch millis).</summary>
internal sealed class IdFactory(Random random)
{
    private long lastJobId;

    public string ObjectId(string typeName) =>
        "0004fb00" + ObjectTypes.TypeCodes.GetValueOrDefault(typeName, "0099") + "0000" + Hex(8);

    public string ManagerUuid() => "0004fb0000010000" + Hex(8);

    public string ServerId() => string.Join(':', Enumerable.Range(0, 16).Select(_ => Hex(1)));

    public string VirtualDiskId(bool iso) => ObjectId(iso ? "IsoDisk" : "VirtualDisk") + (iso ? ".iso" : ".img");

    public string MacAddress() => "00:21:f6:" + string.Join(':', Enumerable.Range(0, 3).Select(_ => Hex(1)));

    public string JobId(DateTimeOffset now)
    {
        var candidate = Math.Max(now.ToUnixTimeMilliseconds(), lastJobId + 1);
        lastJobId = candidate;
        return candidate.ToString(CultureInfo.InvariantCulture);
    }

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
