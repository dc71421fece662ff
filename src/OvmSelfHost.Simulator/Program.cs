using Microsoft.Extensions.Hosting;
using OvmSelfHost.Simulator.DependencyInjection;

var builder = Host.CreateApplicationBuilder(args);
builder.AddOvmSimulator();
await builder.Build().RunAsync();
