using System.Text;

namespace Hangar.Configuration.Import;

/// <summary>Builds the converted file line by line (comments included, which a YAML serializer would drop).</summary>
internal sealed class OutrunnerYamlWriter
{
    private readonly StringBuilder _text = new();

    public void Line(string line) => _text.Append(line).Append('\n');

    /// <summary>A secret reference named <paramref name="name"/>: CLI <c>--secret NAME=</c>, then <c>GITHUB_TOKEN</c>,
    /// then <c>$CREDENTIALS_DIRECTORY/NAME</c>, then the file (Hangar's resolution order).</summary>
    public void Token(string indent, string name, string? file, bool environment = true)
    {
        Line($"{indent}token:");
        Line($"{indent}  name: {name}");
        if (environment)
        {
            Line($"{indent}  env: GITHUB_TOKEN");
        }

        if (file is not null)
        {
            Line($"{indent}  file: {OutrunnerImport.Quote(file)}");
        }
    }

    public override string ToString() => _text.ToString();
}
