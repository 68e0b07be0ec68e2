using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hangar.Cli.Output;

/// <summary>
/// The API's JSON as YAML, written event by event so nothing is lost or guessed: numbers and booleans stay plain, a
/// string that a YAML reader would take for something else (<c>"123"</c>, <c>"true"</c>, <c>"null"</c>, <c>""</c>) is
/// quoted, and so round-trips as a string.
/// </summary>
internal static partial class YamlOutput
{
    public static void Write(TextWriter output, JsonElement value)
    {
        var emitter = new Emitter(output);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, value);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        output.Flush();
    }

    private static void Emit(IEmitter emitter, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var property in value.EnumerateObject())
                {
                    EmitString(emitter, property.Name);
                    Emit(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                // An empty block sequence cannot be written; flow style gives the usual "[]".
                var style = value.GetArrayLength() == 0 ? SequenceStyle.Flow : SequenceStyle.Block;
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, style));
                foreach (var item in value.EnumerateArray())
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                EmitString(emitter, value.GetString()!);
                break;
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(value.GetRawText()));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                emitter.Emit(new Scalar(value.GetBoolean() ? "true" : "false"));
                break;
            default:
                emitter.Emit(new Scalar("null"));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = LooksLikeAnotherType(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>Plain scalars that YAML 1.1 or 1.2 readers resolve to null, a boolean or a number.</summary>
    public static bool LooksLikeAnotherType(string text) =>
        text.Length == 0 || OtherType().IsMatch(text) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")]
    private static partial Regex OtherType();
}
