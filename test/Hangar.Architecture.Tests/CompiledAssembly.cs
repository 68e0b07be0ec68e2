using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Hangar.Architecture.Tests;

/// <summary>
/// Reads a compiled assembly's metadata and IL (System.Reflection.Metadata; nothing is loaded or run). The compiled form
/// is what actually depends on what: it sees uses inside lambdas, async state machines and generated code, ignores
/// unused <c>using</c> directives and comments, and needs no compilation of its own. Constants are inlined by the
/// compiler, so a use of nothing but a <c>const</c> is not a dependency here (nor at run time).
/// </summary>
internal sealed class CompiledAssembly : IDisposable
{
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

    private readonly PEReader _pe;
    private readonly MetadataReader _metadata;

    public CompiledAssembly(string path)
    {
        _pe = new PEReader(File.OpenRead(path));
        _metadata = _pe.GetMetadataReader();
    }

    public static CompiledAssembly Of(Type anyType) => new(anyType.Assembly.Location);

    /// <summary>Every top-level type with what it (and the types nested in it) depends on.</summary>
    public IReadOnlyList<TypeFacts> Types()
    {
        var uses = new Dictionary<TypeDefinitionHandle, TypeSet>();
        var calls = new Dictionary<TypeDefinitionHandle, HashSet<MemberCall>>();
        foreach (var handle in _metadata.TypeDefinitions)
        {
            var owner = Outermost(handle);
            var ownerCalls = calls.TryGetValue(owner, out var known) ? known : calls[owner] = [];
            uses[owner] = uses.GetValueOrDefault(owner, TypeSet.Empty).Union(Collect(handle, ownerCalls));
        }

        return
        [
            .. uses.Select(u => new TypeFacts(
                FullName(u.Key),
                _metadata.GetString(_metadata.GetTypeDefinition(u.Key).Namespace),
                u.Value.Types.Select(t => FullName(Outermost(t))).Where(n => n != FullName(u.Key)).ToHashSet(StringComparer.Ordinal),
                calls[u.Key])),
        ];
    }

    public string Name => _metadata.GetString(_metadata.GetAssemblyDefinition().Name);

    /// <summary>The types other assemblies can name: public, or public (or protected) inside such a type.</summary>
    public IReadOnlyList<string> VisibleTypes() =>
        [.. _metadata.TypeDefinitions.Where(IsVisible).Select(FullName)];

    /// <summary>
    /// The types of <paramref name="assemblyName"/> this assembly names anywhere (signatures, bodies, attributes, base
    /// types); naming a nested type names its declaring types too.
    /// </summary>
    public IReadOnlySet<string> TypesUsedFrom(string assemblyName)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in _metadata.TypeReferences)
        {
            var scope = handle;
            while (_metadata.GetTypeReference(scope).ResolutionScope is { Kind: HandleKind.TypeReference } outer)
            {
                scope = (TypeReferenceHandle)outer;
            }

            if (_metadata.GetTypeReference(scope).ResolutionScope is { Kind: HandleKind.AssemblyReference } assembly
                && _metadata.GetString(_metadata.GetAssemblyReference((AssemblyReferenceHandle)assembly).Name) == assemblyName)
            {
                for (var type = handle; ; type = (TypeReferenceHandle)_metadata.GetTypeReference(type).ResolutionScope)
                {
                    used.Add(FullName(type));
                    if (type == scope)
                    {
                        break;
                    }
                }
            }
        }

        return used;
    }

    public void Dispose() => _pe.Dispose();

    private bool IsVisible(TypeDefinitionHandle handle)
    {
        var type = _metadata.GetTypeDefinition(handle);
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        return type.GetDeclaringType() is { IsNil: false } declaring
            ? visibility is TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem && IsVisible(declaring)
            : visibility == TypeAttributes.Public;
    }

    private TypeSet Collect(TypeDefinitionHandle handle, HashSet<MemberCall> calls)
    {
        var type = _metadata.GetTypeDefinition(handle);
        var found = FromEntity(type.BaseType).Union(FromAttributes(type.GetCustomAttributes()));
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            found = found.Union(FromEntity(_metadata.GetInterfaceImplementation(implementation).Interface));
        }

        foreach (var parameter in type.GetGenericParameters())
        {
            foreach (var constraint in _metadata.GetGenericParameter(parameter).GetConstraints())
            {
                found = found.Union(FromEntity(_metadata.GetGenericParameterConstraint(constraint).Type));
            }
        }

        foreach (var field in type.GetFields())
        {
            var definition = _metadata.GetFieldDefinition(field);
            found = found.Union(definition.DecodeSignature(SignatureTypes.Instance, null)).Union(FromAttributes(definition.GetCustomAttributes()));
        }

        foreach (var property in type.GetProperties())
        {
            found = found.Union(SignatureTypes.Flatten(_metadata.GetPropertyDefinition(property).DecodeSignature(SignatureTypes.Instance, null)));
        }

        foreach (var method in type.GetMethods())
        {
            var definition = _metadata.GetMethodDefinition(method);
            found = found
                .Union(SignatureTypes.Flatten(definition.DecodeSignature(SignatureTypes.Instance, null)))
                .Union(FromAttributes(definition.GetCustomAttributes()));
            if (definition.RelativeVirtualAddress != 0)
            {
                found = found.Union(FromBody(_pe.GetMethodBody(definition.RelativeVirtualAddress), calls));
            }
        }

        return found;
    }

    private TypeSet FromBody(MethodBodyBlock body, HashSet<MemberCall> calls)
    {
        var found = body.LocalSignature.IsNil ? TypeSet.Empty : FromEntity(body.LocalSignature);
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            switch (Operands[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.ReadByte();
                    break;
                case OperandType.InlineVar:
                    il.ReadInt16();
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.ReadInt64();
                    break;
                case OperandType.InlineSwitch:
                    // The count is read first: in "Offset += 4 * ReadInt32()" the offset is taken before the read moves it.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    var token = MetadataTokens.EntityHandle(il.ReadInt32());
                    found = found.Union(FromEntity(token));
                    if (Operands[code] == OperandType.InlineMethod && CallTarget(token) is { } call)
                    {
                        calls.Add(call);
                    }

                    break;
                default:
                    il.ReadInt32();
                    break;
            }
        }

        return found;
    }

    private TypeSet FromEntity(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return TypeSet.Empty;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return TypeSet.Of((TypeDefinitionHandle)handle);
            case HandleKind.TypeSpecification:
                return _metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(SignatureTypes.Instance, null);
            case HandleKind.MethodDefinition:
                return TypeSet.Of(_metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
            case HandleKind.FieldDefinition:
                return TypeSet.Of(_metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
            case HandleKind.MemberReference:
                var member = _metadata.GetMemberReference((MemberReferenceHandle)handle);
                var signature = member.GetKind() == MemberReferenceKind.Method
                    ? SignatureTypes.Flatten(member.DecodeMethodSignature(SignatureTypes.Instance, null))
                    : member.DecodeFieldSignature(SignatureTypes.Instance, null);
                return FromEntity(member.Parent).Union(signature);
            case HandleKind.MethodSpecification:
                var specification = _metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                return specification.DecodeSignature(SignatureTypes.Instance, null)
                    .Aggregate(FromEntity(specification.Method), (all, argument) => all.Union(argument));
            case HandleKind.StandaloneSignature:
                var standalone = _metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                return standalone.GetKind() == StandaloneSignatureKind.LocalVariables
                    ? standalone.DecodeLocalSignature(SignatureTypes.Instance, null).Aggregate(TypeSet.Empty, (all, local) => all.Union(local))
                    : SignatureTypes.Flatten(standalone.DecodeMethodSignature(SignatureTypes.Instance, null));
            default:
                return TypeSet.Empty;
        }
    }

    private TypeSet FromAttributes(CustomAttributeHandleCollection attributes) =>
        attributes.Aggregate(TypeSet.Empty, (all, attribute) => all.Union(FromEntity(_metadata.GetCustomAttribute(attribute).Constructor)));

    /// <summary>The member a call token names, when it belongs to another assembly's type.</summary>
    private MemberCall? CallTarget(EntityHandle token)
    {
        if (token.Kind == HandleKind.MethodSpecification)
        {
            token = _metadata.GetMethodSpecification((MethodSpecificationHandle)token).Method;
        }

        if (token.Kind != HandleKind.MemberReference)
        {
            return null;
        }

        var member = _metadata.GetMemberReference((MemberReferenceHandle)token);
        return member.Parent.Kind == HandleKind.TypeReference
            ? new MemberCall(FullName((TypeReferenceHandle)member.Parent), _metadata.GetString(member.Name))
            : null;
    }

    private TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        while (_metadata.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } declaring)
        {
            handle = declaring;
        }

        return handle;
    }

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = _metadata.GetTypeDefinition(handle);
        var name = _metadata.GetString(type.Name);
        return type.GetDeclaringType() is { IsNil: false } declaring
            ? FullName(declaring) + "+" + name
            : Qualify(_metadata.GetString(type.Namespace), name);
    }

    private string FullName(TypeReferenceHandle handle)
    {
        var type = _metadata.GetTypeReference(handle);
        var name = _metadata.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? FullName((TypeReferenceHandle)type.ResolutionScope) + "+" + name
            : Qualify(_metadata.GetString(type.Namespace), name);
    }

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
