using System.Text.Json;

namespace OvmSelfHost.Endpoints;

/// <summary>Reads a JSON body so that a malformed one gets a clear 400, not a bare framework error.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string example)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.BadRequest($"The body is empty. Send JSON like {example}.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"The body is not valid JSON ({ex.Message}). Send JSON like {example}."));
        }
    }
}
