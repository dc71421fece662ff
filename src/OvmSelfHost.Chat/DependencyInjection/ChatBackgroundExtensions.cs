using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OvmSelfHost.Chat.Deduplication;
using OvmSelfHost.Chat.Messages;
using OvmSelfHost.Chat.Queue;

namespace OvmSelfHost.Chat.DependencyInjection;

public static class ChatBackgroundExtensions
{
    /// <summary>
    /// What every chat channel shares: the time source, the message store (in memory unless the host
    /// registered its own) and the background work queue. Safe to call once per channel. The host
    /// provides <see cref="IDeliveryClaims"/> on its database: deliveries must be remembered durably.
    /// </summary>
    public static IServiceCollection AddChatBackground(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChatMessageStore, InMemoryChatMessageStore>();
        services.TryAddSingleton<ChatWorkQueue>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatWorkProcessor>());
        return services;
    }
}
