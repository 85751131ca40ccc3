namespace Kiln.Phases.Tests.StaticPods;

internal static class LetExtensions
{
    public static TOut Let<TIn, TOut>(this TIn value, Func<TIn, TOut> f) => f(value);
}
