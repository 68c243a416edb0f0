using Microsoft.AspNetCore.Http;

namespace OrleansShop.Silo.Problems;

internal static class ProblemDetailsDefaults
{
    /// <summary>Every problem carries a type and a detail; none ever carries an exception or stack trace.</summary>
    public static void Configure(ProblemDetailsOptions options) =>
        options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Type ??= ProblemTypes.For(context.ProblemDetails.Status ?? StatusCodes.Status500InternalServerError);
            context.ProblemDetails.Detail ??= context.ProblemDetails.Title;
        };
}
