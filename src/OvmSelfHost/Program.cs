using OvmSelfHost.Chat.Slack.DependencyInjection;
using OvmSelfHost.Chat.Teams.DependencyInjection;
using OvmSelfHost.Adapters;
using OvmSelfHost.Configuration;
using OvmSelfHost.Endpoints;
using OvmSelfHost.Replicas;
using OvmSelfHost.Operations;
using OvmSelfHost.Readiness;
using OvmSelfHost.Running;
using OvmSelfHost.Scheduling;
using OvmSelfHost.SignIn;
using OvmSelfHost.Storage;
using OvmSelfHost.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositorySettings();
builder.AddHttpApi();
builder.AddSignIn();
builder.AddRunStorage();
builder.AddReplicas();
builder.AddOvm();
builder.AddRunbook();
builder.AddRunScheduling();
builder.AddSlack();
builder.AddTeams();
builder.AddOperations();
builder.AddReadiness();

var app = builder.Build();
await app.Services.InitializeStorageAsync();
app.UseOperations();
app.UseSignIn();
app.UseHttpApi();
app.MapSignIn();
app.MapEnvironmentApi();
app.MapMigrationApi();
app.MapChangeRecordApi();
app.MapCommandApi();
app.MapWindowApi();
app.MapReadinessApi();
app.MapOperations();
app.MapSlackEndpoints();
app.MapTeamsEndpoints();
app.MapWebConsole();
app.Run();

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
