namespace OrleansShop.Effects;

/// <summary>The request-context key that carries an effect message's id to its receiver.</summary>
internal static class EffectHeaders
{
    public const string EffectId = "orleansshop-effect";
}
