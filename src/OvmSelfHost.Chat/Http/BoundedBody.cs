using Microsoft.AspNetCore.Http;

namespace OvmSelfHost.Chat.Http;

/// <summary>
/// Reads a request body whole (signatures and tokens are checked over the raw bytes), refusing one
/// larger than a channel would ever send, so an unauthenticated caller cannot make the bot buffer
/// without bound.
/// </summary>
public static class BoundedBody
{
    public const int MaxBytes = 1 << 20;

    /// <returns>The body, or null when it is larger than <see cref="MaxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
