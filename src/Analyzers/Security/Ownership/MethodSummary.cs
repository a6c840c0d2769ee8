using Microsoft.CodeAnalysis;

namespace Gatekeeper.Analyzers.Security.Ownership;

/// <summary>Where the value of a parameter comes from, for the ownership flow of one method.</summary>
internal enum ParameterRole
{
    /// <summary>A service, a framework-supplied value, anything that is neither request nor user.</summary>
    Other,

    /// <summary>A simple value from the request that can address a resource (route id, <c>noteId</c> query …).</summary>
    RequestId,

    /// <summary>A complex request model whose id-like members address a resource (or that is the entity itself).</summary>
    RequestModel,

    /// <summary>The current user (<c>ClaimsPrincipal</c>, a current-user service, a <c>userId</c> handed to a service).</summary>
    User,
}

/// <summary>How the mutated resource is reached.</summary>
internal enum MutationShape
{
    /// <summary>A local loaded by the request id (<c>var note = await db.Notes.FindAsync(id)</c>), then removed / modified.</summary>
    LoadedResource,

    /// <summary>A query filtered by the request id and deleted / updated in bulk (<c>ExecuteDelete*</c>, <c>ExecuteUpdate*</c>).</summary>
    Query,

    /// <summary>An entity bound from the request body handed to <c>Update</c> / <c>Remove</c>.</summary>
    BodyEntity,

    /// <summary>A repository / service call named delete / remove / update … with the request id.</summary>
    ServiceCall,
}

/// <summary>A removal or update of one resource addressed by a request identifier.</summary>
internal sealed class MutationFact
{
    public MutationFact(MutationShape shape, bool isDelete, ITypeSymbol? entity, ILocalSymbol? resource, SyntaxNode site)
    {
        Shape = shape;
        IsDelete = isDelete;
        Entity = entity;
        Resource = resource;
        Site = site;
    }

    public MutationShape Shape { get; }

    public bool IsDelete { get; }

    /// <summary>The entity type, when known.</summary>
    public ITypeSymbol? Entity { get; }

    /// <summary>The local holding the loaded resource (shape <see cref="MutationShape.LoadedResource"/>).</summary>
    public ILocalSymbol? Resource { get; }

    /// <summary>The call or assignment that mutates.</summary>
    public SyntaxNode Site { get; }

    public MutationFact WithEntity(ITypeSymbol? entity) => entity is null || Entity is not null ? this : new(Shape, IsDelete, entity, Resource, Site);
}

/// <summary>What one method body does with resources and the current user.</summary>
internal sealed class MethodSummary
{
    public static readonly MethodSummary Nothing = new(hasEvidence: false, mutation: null);

    public MethodSummary(bool hasEvidence, MutationFact? mutation)
    {
        HasEvidence = hasEvidence;
        Mutation = mutation;
    }

    /// <summary>True when the method compares the current user with something, authorizes a resource or scopes a call by the user.</summary>
    public bool HasEvidence { get; }

    /// <summary>The first removal / update of a resource addressed by an identifier, if any.</summary>
    public MutationFact? Mutation { get; }
}
