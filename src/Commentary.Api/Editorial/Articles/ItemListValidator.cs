using FluentValidation;
using FluentValidation.Results;

namespace Commentary.Api.Editorial.Articles;

/// <summary>Validates a request body that is a JSON array of at most <paramref name="max"/> items, naming errors by JSON path (<c>[2].source</c>).</summary>
public abstract class ItemListValidator<T> : AbstractValidator<List<T>>
{
    protected ItemListValidator(IValidator<T> itemValidator, int max)
    {
        RuleFor(list => list).Custom((list, context) =>
        {
            if (list.Count > max)
            {
                context.AddFailure(new ValidationFailure("$", $"must have at most {max} entries."));
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not { } item)
                {
                    context.AddFailure(new ValidationFailure($"[{i}]", "must be an object."));
                    continue;
                }

                foreach (var error in itemValidator.Validate(item).Errors)
                {
                    context.AddFailure(new ValidationFailure($"[{i}].{error.PropertyName}", error.ErrorMessage));
                }
            }
        });
    }
}
