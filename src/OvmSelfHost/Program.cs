using System.Text.Json.Serialization;
using OvmSelfHost.Chat.Slack.DependencyInjection;
using OvmSelfHost.Chat.Teams.DependencyInjection;
using OvmSelfHost.Adapters;
using OvmSelfHost.Configuration;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Running;
using OvmSelfHost.Scheduling;
using OvmSelfHost.Storage;
using OvmSelfHost.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositorySettings();
builder.Services.AddProblemDetails();
// Enumerations travel as their names ("Missing"), never as numbers a reader must look up.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSingleton<LocalMode>();
builder.AddRunStorage();
builder.AddOvm();
builder.AddRunbook();
builder.AddRunScheduling();
builder.AddSlack();
builder.AddTeams();

var app = builder.Build();
await app.Services.InitializeStorageAsync();
// A request the framework could not bind (?count=abc) is the caller's mistake: its 400, never a 500.
app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
app.MapEnvironmentApi();
app.MapMigrationApi();
app.MapCommandApi();
app.MapWindowApi();
app.MapSlackEndpoints();
app.MapTeamsEndpoints();
app.MapWebConsole();
app.Run();

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
