using System.Text.Json;
using OrleansShop.Silo.Problems;

namespace OrleansShop.Silo.Http;

/// <summary>
/// Reads a JSON request body into a DTO, turning every failure into a 400 problem that names
/// the field (<c>JsonException.Path</c>) instead of the framework's generic binding error.
/// </summary>
internal static class JsonRequest
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        var body = await RequestBody.ReadAsync(request);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Bytes.Span, options);
            return value is null ? (null, Invalid("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Invalid(FieldName(exception.Path), "The value is missing, malformed or of the wrong type."));
        }
    }

    public static IResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, detail: $"Invalid {string.Join(", ", errors.Keys)}.");

    /// <summary><c>$.webhooks.profile</c> → <c>webhooks.profile</c>.</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
