using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace OvmSelfHost.Ovm.Tests.WsApi;

/// <summary>A stub WS-API transport: answers by a function and records every request it saw.</summary>
internal sealed class StubManager(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Count(string method, string pathEnd) =>
        Requests.Count(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(
            request.Method.Method,
            request.RequestUri!.AbsolutePath,
            request.RequestUri.Query,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("Cookie", out var cookies) ? string.Join(";", cookies) : null,
            body));
        var response = answer(request);
        response.RequestMessage ??= request;
        return response;
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string text) =>
        Json($$"""{"errorCode":"{{code}}","message":"{{code}}:{{text}}","cause":null}""", status);

    public static string Job(string id, bool done, string state = "RUNNING", string? error = null, string? errorType = null, string? resultId = null) =>
        $$"""
        {"id":{"type":"com.oracle.ovm.mgr.ws.model.Job","value":"{{id}}","name":"job {{id}}"},"name":"job {{id}}",
         "done":{{(done ? "true" : "false")}},"summaryDone":{{(done ? "true" : "false")}},"jobRunState":"{{state}}","jobSummaryState":"{{state}}",
         "resultId":{{(resultId is null ? "null" : $$"""{"value":"{{resultId}}"}""")}},
         "error":{"message":{{(error is null ? "null" : $"\"{error}\"")}},"type":{{(errorType is null ? "null" : $"\"{errorType}\"")}}},
         "userData":null,"resourceGroupIds":null}
        """;

    public const string ManagerJson =
        """[{"id":{"value":"0004fb00000100001111222233334444","name":"OVM Manager"},"name":"OVM Manager","managerUuid":"0004fb00000100001111222233334444","managerRunState":"RUNNING","managerVersion":"3.4.6.2105","unknownFutureField":{"x":1}}]""";
}

internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? Cookie, string? Body);
