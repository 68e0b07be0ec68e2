using System.Globalization;

namespace Hangar.Bench.Harness;

/// <summary>One measured figure with the reference it is judged against, printed as
/// <c>NAME value unit (reference value, ratio)</c>.</summary>
internal sealed record Figure(string Name, double Value, string Unit, string Reference, double ReferenceValue)
{
    public double Ratio => ReferenceValue == 0 ? double.NaN : Value / ReferenceValue;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name} {Format(Value)} {Unit} ({Reference} {Format(ReferenceValue)}, {Ratio:0.00})");

    private static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
