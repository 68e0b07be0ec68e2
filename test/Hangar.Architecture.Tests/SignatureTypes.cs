using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Hangar.Architecture.Tests;

/// <summary>Decodes a signature blob into the inspected assembly's types it mentions, generic arguments included.</summary>
internal sealed class SignatureTypes : ISignatureTypeProvider<TypeSet, object?>
{
    public static readonly SignatureTypes Instance = new();

    public TypeSet GetPrimitiveType(PrimitiveTypeCode typeCode) => TypeSet.Empty;

    public TypeSet GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeSet.Of(handle);

    public TypeSet GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeSet.Empty;

    public TypeSet GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public TypeSet GetSZArrayType(TypeSet elementType) => elementType;

    public TypeSet GetArrayType(TypeSet elementType, ArrayShape shape) => elementType;

    public TypeSet GetByReferenceType(TypeSet elementType) => elementType;

    public TypeSet GetPointerType(TypeSet elementType) => elementType;

    public TypeSet GetPinnedType(TypeSet elementType) => elementType;

    public TypeSet GetGenericInstantiation(TypeSet genericType, ImmutableArray<TypeSet> typeArguments) =>
        typeArguments.Aggregate(genericType, (all, argument) => all.Union(argument));

    public TypeSet GetGenericMethodParameter(object? genericContext, int index) => TypeSet.Empty;

    public TypeSet GetGenericTypeParameter(object? genericContext, int index) => TypeSet.Empty;

    public TypeSet GetFunctionPointerType(MethodSignature<TypeSet> signature) => Flatten(signature);

    public TypeSet GetModifiedType(TypeSet modifier, TypeSet unmodifiedType, bool isRequired) => unmodifiedType;

    public static TypeSet Flatten(MethodSignature<TypeSet> signature) =>
        signature.ParameterTypes.Aggregate(signature.ReturnType, (all, parameter) => all.Union(parameter));
}
