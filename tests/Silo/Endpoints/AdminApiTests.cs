using System.Net;
using System.Text.Json;
using OrleansShop.Tests.Infrastructure;

namespace OrleansShop.Tests.Silo.Endpoints;

public sealed class AdminApiTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Admin_routes_without_the_admin_token_are_401_problems(string? token)
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var http = scope.Cluster.Primary.CreateClient(token);

        foreach (var (method, path) in new[] { ("GET", "/v1/admin/deliveries"), ("GET", "/v1/admin/deliveries/1"), ("POST", "/v1/admin/deliveries/1/retry"), ("GET", "/v1/admin/deliveries/count"), ("POST", "/v1/admin/deliveries/replay"), ("POST", "/v1/admin/deliveries/discard"), ("GET", "/v1/admin/silos") })
        {
            var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("?state=sent", "state")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?after=-1", "after")]
    public async Task A_bad_query_is_a_400_problem_naming_the_field(string query, string field)
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var admin = scope.Cluster.Primary.CreateClient();

        var response = await admin.GetAsync("/v1/admin/deliveries" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Fact]
    public async Task Retrying_an_unknown_delivery_is_a_404_problem()
    {
        await using var scope = await ClusterScope.StartAsync(silos: 1);
        using var admin = scope.Cluster.Primary.CreateClient();

        var response = await admin.PostAsync("/v1/admin/deliveries/424242/retry", content: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
