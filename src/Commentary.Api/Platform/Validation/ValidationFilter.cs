using System.Reflection;
using Commentary.Api.Platform.Errors;
using FluentValidation;

namespace Commentary.Api.Platform.Validation;

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

            var validated = method.GetParameters()
                .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType), Optional: IsOptional(parameter)))
                // Asks whether a validator is registered without resolving it: validators are scoped, and the root provider may not resolve scoped services.
                .Where(p => endpoint.ApplicationServices.GetService<IServiceProviderIsService>()?.IsService(p.ValidatorType) == true)
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

    /// <summary>A nullable body (<c>T?</c>) may be left out, for example the publish options; then there is nothing to validate.</summary>
    private static bool IsOptional(ParameterInfo parameter) =>
        parameter.HasDefaultValue || new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private static async ValueTask<object?> ValidateThenRun(EndpointFilterInvocationContext invocation, (int Index, Type ValidatorType, bool Optional)[] validated, EndpointFilterDelegate next)
    {
        foreach (var (index, validatorType, optional) in validated)
        {
            if (invocation.Arguments[index] is not { } argument)
            {
                if (optional)
                {
                    continue;
                }

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
