using System.Collections.ObjectModel;
using System.Linq.Expressions;
using System.Reflection;

namespace OrleansShop.Effects;

/// <summary>
/// Reads the argument values of <c>g => g.Method(a, b)</c>. Constants and captured variables (the
/// usual case) are read directly; anything else is interpreted, never compiled.
/// </summary>
internal static class ExpressionArguments
{
    public static object?[] Evaluate(ReadOnlyCollection<Expression> arguments)
    {
        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Evaluate(arguments[i]);
        }

        return values;
    }

    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo field } member => field.GetValue(member.Expression is null ? null : Evaluate(member.Expression)),
        MemberExpression { Member: PropertyInfo property } member => property.GetValue(member.Expression is null ? null : Evaluate(member.Expression)),
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } convert when convert.Type.IsAssignableFrom(operand.Type) => Evaluate(operand),
        _ => Expression.Lambda(expression).Compile(preferInterpretation: true).DynamicInvoke(),
    };
}
