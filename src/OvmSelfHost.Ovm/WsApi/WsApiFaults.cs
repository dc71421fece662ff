using System.Net;
using System.Security.Authentication;
using System.Text.Json;
using OvmSelfHost.Ovm.WsApi.Model;
using OvmSelfHost.Runbook.Ports;
using Refit;

namespace OvmSelfHost.Ovm.WsApi;

/// <summary>
/// Turns a WS-API answer (or the lack of one) into content or an <see cref="OvmFaultException"/> whose
/// message says what to do. Messages name the manager and user, never the password.
/// </summary>
internal sealed class WsApiFaults(ManagerEndpoint endpoint)
{
    public async Task<T> ContentAsync<T>(Func<Task<IApiResponse<T>>> call, string what)
    {
        IApiResponse<T> response;
        try
        {
            response = await call();
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or ApiRequestException
                                   or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                   || (ex is TaskCanceledException tce && tce.InnerException is TimeoutException))
        {
            throw Transport(ex, what);
        }

        if (response.HasRequestError(out var requestError))
        {
            throw Transport(requestError.InnerException ?? requestError, what);
        }

        if (response.IsSuccessStatusCode && response.Error is null && response.Content is not null)
        {
            return response.Content;
        }

        throw Translate(response, what);
    }

    public OvmFaultException Transport(Exception ex, string what)
    {
        if (Find<AuthenticationException>(ex) is not null)
        {
            return new OvmFaultException(
                OvmFaultKind.UntrustedPeer,
                $"The TLS certificate of {endpoint.Label} was refused while trying to {what}: it matches neither the pinned "
                + $"CertificateThumbprint nor the configured CA ({endpoint.ConfigurationPath}). Verify the certificate out of band before changing the pin.",
                inner: ex);
        }

        var reason = ex is TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            ? "it did not answer in time"
            : $"the connection failed ({Innermost(ex).Message})";
        return new OvmFaultException(
            OvmFaultKind.Unreachable,
            // Never "start it": a manager that is down may be one already replaced, whose UUID is live elsewhere.
            $"Could not {what} on {endpoint.Label}: {reason}. Check that the address is right and reachable; a manager stopped by a migration must stay stopped.",
            inner: ex);
    }

    private OvmFaultException Translate(IApiResponse response, string what)
    {
        var body = (response.Error as ApiException)?.Content;
        var error = Parse(body);
        var code = error?.ErrorCode ?? OvmErrorCode.Find(error?.Message);
        var status = response.StatusCode ?? 0;
        var detail = error?.Message ?? $"HTTP {(int)status} {response.ReasonPhrase}";
        if (response.IsSuccessStatusCode)
        {
            return new OvmFaultException(
                OvmFaultKind.BadResponse,
                $"{endpoint.Label} answered '{what}' with a body that is not the expected WS-API JSON ({response.Error?.Message}).",
                inner: response.Error);
        }

        return Classify(status, code, error is not null) switch
        {
            OvmFaultKind.Unauthorized => new(OvmFaultKind.Unauthorized,
                $"{endpoint.Label} refused the credentials of user '{endpoint.Username}' ({code ?? "HTTP 401"}); check {endpoint.ConfigurationPath}:Username and {endpoint.ConfigurationPath}:Password.",
                code),
            OvmFaultKind.NotFound => new(OvmFaultKind.NotFound, $"Could not {what}: {endpoint.Label} does not know that object ({detail}). Re-read the inventory.", code),
            OvmFaultKind.Conflict => new(OvmFaultKind.Conflict, $"Could not {what}: the object changed since it was read ({detail}). Read it again and retry.", code),
            OvmFaultKind.Locked => new(OvmFaultKind.Locked, $"Could not {what}: another job holds a lock on the object ({detail}). Wait for that job, or abort it if it hangs.", code),
            OvmFaultKind.Unreachable => new(OvmFaultKind.Unreachable, $"Could not {what}: {endpoint.Label} is unavailable ({detail}).", code),
            OvmFaultKind.BadResponse => new(OvmFaultKind.BadResponse,
                $"Could not {what}: {endpoint.Label} answered HTTP {(int)status} with a body that is not a WS-API error ({Shorten(body)}).", code),
            var kind => new(kind, $"{endpoint.Label} refused to {what}: {detail}", code),
        };
    }

    private static OvmFaultKind Classify(HttpStatusCode status, string? code, bool parsed) => (status, code) switch
    {
        (HttpStatusCode.Unauthorized, _) or (_, OvmErrorCode.InvalidCredentials) => OvmFaultKind.Unauthorized,
        (_, { } c) when c.StartsWith("AUTH_", StringComparison.Ordinal) => OvmFaultKind.Unauthorized,
        (_, OvmErrorCode.NotFound) => OvmFaultKind.NotFound,
        (_, OvmErrorCode.OutOfDate) => OvmFaultKind.Conflict,
        (_, OvmErrorCode.Locked) => OvmFaultKind.Locked,
        (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout, _) => OvmFaultKind.Unreachable,
        (HttpStatusCode.NotFound, null) => OvmFaultKind.NotFound,
        _ when !parsed => OvmFaultKind.BadResponse,
        _ => OvmFaultKind.OperationFailed,
    };

    private static WsError? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize<WsError>(body, WsApiJson.Options);
            return error is { ErrorCode: null, Message: null } ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string? body) =>
        string.IsNullOrEmpty(body) ? "empty body" : body.Length <= 120 ? body : body[..120] + "…";

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
