using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Import;

/// <summary>One entry of outrunner's <c>runners:</c> and its image kind (exactly one of docker, libvirt, tart).</summary>
internal sealed class OutrunnerPool
{
    private static readonly string[] Kinds = ["docker", "libvirt", "tart"];
    private static readonly string[] RunnerKeys = ["labels", "max_runners", "token_file", .. Kinds];

    private readonly List<string> _lines = [];
    private readonly List<string> _unmapped = [];

    private OutrunnerPool(string name, string kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public string Kind { get; }

    public string? TokenFile { get; private set; }

    public string? Socket { get; private set; }

    public static OutrunnerPool Read(string path, string name, YamlMappingNode runner)
    {
        var kinds = Kinds.Where(k => runner.Children.ContainsKey(new YamlScalarNode(k))).ToList();
        if (kinds.Count != 1)
        {
            throw OutrunnerImport.Error(path, runner.Start, $"runners.{name}: exactly one of docker, libvirt or tart is required, found {(kinds.Count == 0 ? "none" : string.Join(", ", kinds))}");
        }

        var pool = new OutrunnerPool(name, kinds[0]) { TokenFile = OutrunnerImport.Scalar(runner, "token_file", path) };
        var labels = runner.Children.TryGetValue(new YamlScalarNode("labels"), out var l) && l is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToList()
            : [];
        pool._lines.Add($"    labels: [{string.Join(", ", (labels.Count == 0 ? [name] : labels).Select(OutrunnerImport.Quote))}]");
        var max = OutrunnerImport.Scalar(runner, "max_runners", path) ?? "2";
        pool._lines.Add($"    max_runners: {(int.TryParse(max, out var m) && m > 0 ? OutrunnerImport.Number(m) : throw OutrunnerImport.Error(path, runner.Start, $"runners.{name}.max_runners: a positive whole number, got '{max}'"))}");
        foreach (var key in runner.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => !RunnerKeys.Contains(k)))
        {
            pool._unmapped.Add($"runners.{name}.{key}");
        }

        var image = (YamlMappingNode)runner.Children[new YamlScalarNode(pool.Kind)];
        switch (pool.Kind)
        {
            case "docker":
                pool.Docker(path, image);
                break;
            case "libvirt":
                pool.Libvirt(path, image);
                break;
            default:
                pool.Tart(path, image);
                break;
        }

        return pool;
    }

    public void Write(OutrunnerYamlWriter output, string targetKey, string target)
    {
        output.Line($"  {Name}:");
        output.Line($"    forge: {(TokenFile is null ? "github" : $"github-{Name}")}");
        output.Line($"    {targetKey}: {OutrunnerImport.Quote(target)}");
        output.Line($"    provider: {Kind}");
        foreach (var line in _lines)
        {
            output.Line(line);
        }

        foreach (var unmapped in _unmapped)
        {
            output.Line($"    # not mapped: {unmapped}");
        }
    }

    private void Docker(string path, YamlMappingNode docker)
    {
        Known(docker, "docker", "image", "runner_cmd", "mounts");
        Image(path, docker, "image");
        Command(path, docker);
        if (docker.Children.TryGetValue(new YamlScalarNode("mounts"), out var m) && m is YamlSequenceNode mounts && mounts.Children.Count > 0)
        {
            _lines.Add("    mounts:");
            foreach (var mount in mounts.Children.OfType<YamlMappingNode>())
            {
                var source = OutrunnerImport.Scalar(mount, "source", path);
                var target = OutrunnerImport.Scalar(mount, "target", path);
                var readOnly = OutrunnerImport.Scalar(mount, "read_only", path) is "true" or "True";
                _lines.Add($"      - {{source: {OutrunnerImport.Quote(source ?? "")}, target: {OutrunnerImport.Quote(target ?? "")}, read_only: {(readOnly ? "true" : "false")}}}");
            }
        }
    }

    private void Libvirt(string path, YamlMappingNode libvirt)
    {
        Known(libvirt, "libvirt", "path", "runner_cmd", "socket", "cpus", "memory", "mount");
        Image(path, libvirt, "path");
        Command(path, libvirt);
        Resources(path, libvirt);
        Socket = OutrunnerImport.Scalar(libvirt, "socket", path);
        _lines.Add("    # outrunner started the runner through the QEMU guest agent on a prepared image. With Hangar the image must");
        _lines.Add("    # itself start the runner at boot (runner_cmd below) and read its JIT config from the credentials Hangar");
        _lines.Add("    # delivers (ACTIONS_RUNNER_INPUT_JITCONFIG); the guest agent is no longer needed.");
        if (libvirt.Children.TryGetValue(new YamlScalarNode("mount"), out var m) && m is YamlMappingNode mount && OutrunnerImport.Scalar(mount, "source", path) is { } source)
        {
            _lines.Add("    mounts:");
            _lines.Add("      # outrunner shared this directory with the guest (virtiofs) and left mounting it to the image; the target");
            _lines.Add("      # below (the same path) is where the image must mount it.");
            _lines.Add($"      - {{source: {OutrunnerImport.Quote(source)}, target: {OutrunnerImport.Quote(source)}}}");
        }
    }

    private void Tart(string path, YamlMappingNode tart)
    {
        Known(tart, "tart", "image", "runner_cmd", "cpus", "memory", "mounts");
        Image(path, tart, "image");
        Command(path, tart);
        Resources(path, tart);
        if (tart.Children.TryGetValue(new YamlScalarNode("mounts"), out var m) && m is YamlSequenceNode mounts && mounts.Children.Count > 0)
        {
            _lines.Add("    mounts:");
            _lines.Add("      # Tart shares a directory by name (--dir NAME:SOURCE); macOS guests see it under /Volumes/My Shared Files/NAME.");
            foreach (var mount in mounts.Children.OfType<YamlMappingNode>())
            {
                var readOnly = OutrunnerImport.Scalar(mount, "read_only", path) is "true" or "True";
                _lines.Add($"      - {{source: {OutrunnerImport.Quote(OutrunnerImport.Scalar(mount, "source", path) ?? "")}, target: {OutrunnerImport.Quote("/Volumes/My Shared Files/" + (OutrunnerImport.Scalar(mount, "name", path) ?? ""))}, read_only: {(readOnly ? "true" : "false")}}}");
            }
        }
    }

    private void Image(string path, YamlMappingNode node, string key)
    {
        var image = OutrunnerImport.Scalar(node, key, path) ?? throw OutrunnerImport.Error(path, node.Start, $"runners.{Name}.{Kind}.{key} is required");
        _lines.Add($"    image: {OutrunnerImport.Quote(image)}");
    }

    private void Command(string path, YamlMappingNode node)
    {
        if (OutrunnerImport.Scalar(node, "runner_cmd", path) is { } command)
        {
            _lines.Add($"    command: [{OutrunnerImport.Quote(command)}]");
        }
    }

    private void Resources(string path, YamlMappingNode node)
    {
        if (OutrunnerImport.Scalar(node, "cpus", path) is { } cpus)
        {
            _lines.Add($"    cpus: {cpus}");
        }

        if (OutrunnerImport.Scalar(node, "memory", path) is { } memory)
        {
            _lines.Add($"    memory_mb: {memory}");
        }
    }

    private void Known(YamlMappingNode node, string kind, params string[] keys)
    {
        foreach (var key in node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => !keys.Contains(k)))
        {
            _unmapped.Add($"runners.{Name}.{kind}.{key}");
        }
    }
}
