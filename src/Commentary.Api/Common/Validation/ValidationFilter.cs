using System.Reflection;
using Commentary.Api.Common.Errors;
using FluentValidation;

namespace Commentary.Api.Common.Validation;

/// <summary>
/// Runs the FluentValidation validator of each handler argument that has one, once, before the handler. The filter
/// attaches only to endpoints with such an argument, and documents their 400 response.
/// </summary>
internal static class ValidationFilter
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } method)
            {
                return;
            }

            // Asks whether a validator is registered without resolving it: validators are scoped, and resolving one from
            // the root provider fails at startup where scopes are validated (Development).
            var registered = endpoint.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
            var validated = method.GetParameters()
                .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
                .Where(p => registered.IsService(p.ValidatorType))
                .ToArray();
            if (validated.Length == 0)
            {
                return;
            }

            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
            endpoint.FilterFactories.Add((_, next) => invocation => ValidateThenRun(invocation, validated, next));
        });
        return builder;
    }

    private static async ValueTask<object?> ValidateThenRun(EndpointFilterInvocationContext invocation, (int Index, Type ValidatorType)[] validated, EndpointFilterDelegate next)
    {
        foreach (var (index, validatorType) in validated)
        {
            if (invocation.Arguments[index] is not { } argument)
            {
                return Problems.Validation("$", "A request body is required.");
            }

            var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return Problems.Validation(result.Errors
                    .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "$" : e.PropertyName)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
            }
        }

        return await next(invocation);
    }
}
