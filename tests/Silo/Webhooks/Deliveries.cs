using System.Text;
using OrleansShop.Silo.Webhooks;

namespace OrleansShop.Tests.Silo.Webhooks;

/// <summary>Builds webhook deliveries for tests from the payload files in <c>Silo/Webhooks/Payloads</c>.</summary>
internal static class Deliveries
{
    public static byte[] Payload(string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Silo", "Webhooks", "Payloads", fileName));

    public static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), body, "application/json");

    /// <summary>The status a delivery changes its order to, or null when it carries no event (any other event fails the test).</summary>
    public static string? StatusOf(MappedDelivery delivery) =>
        delivery.Event is null ? null : Assert.IsType<OrderStatusChanged>(delivery.Event).Status;

    public static WebhookRequest Request(string body, params (string Name, string Value)[] headers) =>
        Request(Encoding.UTF8.GetBytes(body), headers);
}
