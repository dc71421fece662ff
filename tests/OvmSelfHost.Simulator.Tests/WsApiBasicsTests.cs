using System.Net;
using System.Net.Http.Headers;
using OvmSelfHost.Simulator.Tests.Support;

namespace OvmSelfHost.Simulator.Tests;

public sealed class WsApiBasicsTests
{
    [Fact]
    public async Task WrongPassword_AnyCall_Is401WithAuth000005()
    {
        await using var s = await SimSession.StartAsync();
        using var client = s.Manager("ovmm-a", password: "wrong");
        using var response = await client.Http.GetAsync("Manager");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"errorCode\":\"AUTH_000005\",\"message\":\"AUTH_000005:Invalid credentials\",\"cause\":null}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SessionCookie_FromFirstCall_AuthenticatesWithoutBasic()
    {
        await using var s = await SimSession.StartAsync();
        var url = s.Sim.Manager("ovmm-a").HttpsBaseUrl;
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url + "/") };
        using var login = new HttpRequestMessage(HttpMethod.Post, "login");
        login.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:Welcome1"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(login)).StatusCode);
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "JSESSIONID");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("Server")).StatusCode);
        using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }) { BaseAddress = new Uri(url + "/") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("Server")).StatusCode);
    }

    [Fact]
    public async Task UnknownId_Get_Is404WithGen000002()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var (status, body) = await a.SendAsync(HttpMethod.Get, "Vm/0004fb00000600000000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("GEN_000002", body!["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task MalformedJson_Post_Is400NamingTheProblem()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var (status, body) = await a.SendAsync(HttpMethod.Post, "Vm", "{\"name\": \"x\",");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Malformed JSON", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task IdList_OfEachManager_HasAbsoluteUrisAndOnlyItsOwnEnvironment()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        using var b = s.Manager("ovmm-b");
        var ids = (await a.GetAsync("Server/id")).AsArray();
        Assert.Equal(["ovs-a1", "ovs-a2"], ids.Select(i => i!["name"]!.GetValue<string>()).Order());
        Assert.All(ids, i =>
        {
            Assert.Equal("com.oracle.ovm.mgr.ws.model.Server", i!["type"]!.GetValue<string>());
            Assert.StartsWith(s.Sim.Manager("ovmm-a").HttpsBaseUrl + "/Server/", i["uri"]!.GetValue<string>());
            Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", i["value"]!.GetValue<string>());
        });
        Assert.Equal(["ovs-b1", "ovs-b2"], await b.NamesAsync("Server"));
        var pool = await a.ByNameAsync("ServerPool", "pool-a");
        Assert.Matches("^0004fb000002[0-9a-f]{20}$", WsApiClient.Id(pool));
        Assert.NotNull(pool["clusterId"]);
        Assert.Equal(2, (await a.GetAsync($"ServerPool/{WsApiClient.Id(pool)}/Server")).AsArray().Count);
    }

    [Fact]
    public async Task DefaultScenario_RepositoryHoldsTemplateIsoAndRunningVms()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        var repo = await a.ByNameAsync("Repository", "repo-a");
        var disks = (await a.GetAsync($"Repository/{WsApiClient.Id(repo)}/VirtualDisk")).AsArray();
        var iso = disks.Single(d => d!["name"]!.GetValue<string>() == "OracleVM-Manager-3.4.6-installer.iso")!;
        Assert.Equal("VIRTUAL_CDROM", iso["diskType"]!.GetValue<string>());
        Assert.EndsWith(".iso", WsApiClient.Id(iso));
        Assert.Equal("TEMPLATE", (await a.ByNameAsync("Vm", "OL7U9-ovmm-template"))["vmRunState"]!.GetValue<string>());
        var app = await a.ByNameAsync("Vm", "app-a1");
        Assert.Equal("RUNNING", app["vmRunState"]!.GetValue<string>());
        Assert.Equal(2, (await a.GetAsync($"Vm/{WsApiClient.Id(app)}/VmDiskMapping")).AsArray().Count);
        Assert.Equal(["192.168.10.0"], await a.NamesAsync("Network"));
    }

    [Fact]
    public async Task PlainHttpListener_ServesTheSameManager()
    {
        await using var s = await SimSession.StartAsync();
        var info = s.Sim.Manager("ovmm-b");
        using var http = new WsApiClient(info.HttpBaseUrl, s);
        Assert.StartsWith("http://", info.HttpBaseUrl.ToString());
        var manager = (await http.GetAsync("Manager"))[0]!;
        Assert.Equal(Procedure.UuidB, manager["managerUuid"]!.GetValue<string>());
        Assert.Equal(info.HttpBaseUrl + "/Manager/" + Procedure.UuidB, manager["id"]!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task AcceptXml_Get_AnswersXml()
    {
        await using var s = await SimSession.StartAsync();
        using var a = s.Manager("ovmm-a");
        using var request = new HttpRequestMessage(HttpMethod.Get, "Manager");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        a.Http.DefaultRequestHeaders.Accept.Clear();
        using var response = await a.Http.SendAsync(request);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<managerRunState>RUNNING</managerRunState>", await response.Content.ReadAsStringAsync());
    }
}
