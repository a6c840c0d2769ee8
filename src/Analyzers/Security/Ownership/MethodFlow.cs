using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Gatekeeper.Analyzers.Knowledge;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Gatekeeper.Analyzers.Security.Ownership;

/// <summary>
/// The ownership flow of one method body (a handler or a followed callee): which locals hold the
/// current user, a request identifier, a loaded resource or a query; which calls remove / update a
/// resource addressed by a request identifier; and whether any ownership evidence is present
/// (a comparison between a current-user value and another value, resource-based authorization,
/// a call scoped by the current user, or a followed callee that has such evidence).
/// </summary>
internal sealed class MethodFlow
{
    /// <summary>Name prefixes of repository / service / entity methods that change a resource.</summary>
    public static readonly ImmutableArray<string> MutatingVerbs = ImmutableArray.Create(
        "Delete", "Remove", "Update", "Archive", "Unarchive", "Edit", "Patch", "Modify", "Replace", "Purge", "Destroy", "Trash", "Upsert", "Rename", "Move", "Change", "Set");

    private static readonly string[] DeleteVerbs = { "Delete", "Remove", "Purge", "Destroy", "Trash", "ExecuteDelete" };

    private static readonly string[] EntityQueryPrefixes = { "Get", "Is", "Can", "Has", "To", "Equals", "Find", "Try", "Validate", "Should", "Compare", "Contains" };

    private static readonly string[] MapLikeNames = { "Map", "SetValues", "ApplyTo", "Patch", "Populate", "CopyTo", "Apply", "Adapt", "Merge" };

    private static readonly string[] CheckCallWords =
    {
        "Authoriz", "Permission", "Owner", "Owns", "CanAccess", "HasAccess", "CheckAccess", "EnsureAccess", "CanEdit", "CanDelete", "CanUpdate", "CanModify", "CanManage", "CanWrite", "IsAllowed",
    };

    private static readonly string[] NonEvidenceCallWords = { "Log", "Audit", "Track", "Notify", "Publish", "Send", "Emit", "Trace", "Metric", "Event" };

    private readonly OwnershipFacts _facts;
    private readonly OwnershipSettings _settings;
    private readonly IMethodSymbol _method;
    private readonly Func<IParameterSymbol, ParameterRole> _roles;
    private readonly int _depth;
    private readonly CancellationToken _cancellationToken;

    private readonly HashSet<ILocalSymbol> _userLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _requestLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _resourceLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _queryLocals = new(SymbolEqualityComparer.Default);

    public MethodFlow(
        OwnershipFacts facts,
        OwnershipSettings settings,
        IMethodSymbol method,
        Func<IParameterSymbol, ParameterRole> roles,
        int depth,
        CancellationToken cancellationToken)
    {
        _facts = facts;
        _settings = settings;
        _method = method;
        _roles = roles;
        _depth = depth;
        _cancellationToken = cancellationToken;
    }

    public static bool IsPrincipalType(ITypeSymbol? type) =>
        type is { Name: "ClaimsPrincipal" or "ClaimsIdentity" or "IIdentity" or "Claim" }
        && (SymbolNames.IsNamespace(type.ContainingNamespace, "System.Security.Claims") || SymbolNames.IsNamespace(type.ContainingNamespace, "System.Security.Principal"));

    public static bool IsSimpleType(ITypeSymbol type)
    {
        type = OwnershipFacts.Unwrap(type) ?? type;
        if (type.SpecialType is not SpecialType.None || type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        return type.Name is "Guid" or "DateTime" or "DateTimeOffset" or "Ulid" && SymbolNames.IsNamespace(type.ContainingNamespace, "System");
    }

    /// <summary>True for <c>id</c>, <c>noteId</c>, <c>NoteIds</c>, <c>key</c>, <c>slug</c>.</summary>
    public static bool IsIdLike(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("ids", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("Id", StringComparison.Ordinal)
        || name.EndsWith("Ids", StringComparison.Ordinal)
        || name.EndsWith("ID", StringComparison.Ordinal)
        || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("slug", StringComparison.OrdinalIgnoreCase);

    public MethodSummary Analyze(IOperation body)
    {
        var operations = new List<IOperation>();
        foreach (var operation in body.Descendants())
        {
            operations.Add(operation);
        }

        // Two passes make the classification independent of the order locals are written in.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var operation in operations)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                Classify(operation);
            }
        }

        var evidence = false;
        MutationFact? mutation = null;
        MutationFact? modification = null;
        var saves = false;
        foreach (var operation in operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IBinaryOperation binary when IsEvidenceComparison(binary):
                    evidence = true;
                    break;
                case IInvocationOperation invocation:
                    Inspect(invocation, ref evidence, ref mutation, ref modification, ref saves);
                    break;
                // Compound assignments (note.Likes += 1) are counters anyone may bump: not an update of the owner's data.
                case ISimpleAssignmentOperation assignment when ModifiedResource(assignment.Target) is { } local:
                    modification ??= new MutationFact(MutationShape.LoadedResource, isDelete: false, local.Type, local, assignment.Syntax);
                    break;
            }

            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "State", Instance: IInvocationOperation { TargetMethod.Name: "Entry" } entry } } state
                && entry.Arguments.Length > 0
                && state.Value is IFieldReferenceOperation { Field.Name: "Deleted" or "Modified" } entityState)
            {
                var isDelete = entityState.Field.Name == "Deleted";
                var entryValue = entry.Arguments[0].Value;
                if (Resource(entryValue) is { } entryLocal)
                {
                    mutation ??= new MutationFact(MutationShape.LoadedResource, isDelete, entryLocal.Type, entryLocal, operation.Syntax);
                }
                else if (IsRequestValue(entryValue) && IsEntityLike(entryValue.Type))
                {
                    // The scaffolded PUT: _context.Entry(todoItem).State = EntityState.Modified with the body's entity.
                    mutation ??= new MutationFact(MutationShape.BodyEntity, isDelete, entryValue.Type, null, operation.Syntax);
                }
            }
        }

        if (mutation is null && modification is not null && saves)
        {
            mutation = modification;
        }

        return evidence || mutation is not null ? new MethodSummary(evidence, mutation) : MethodSummary.Nothing;
    }

    // ---------------------------------------------------------------------------------------------
    // Locals
    // ---------------------------------------------------------------------------------------------

    private void Classify(IOperation operation)
    {
        switch (operation)
        {
            case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator:
                Classify(declarator.Symbol, value);
                break;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                Classify(target.Local, assignment.Value);
                break;
            case IInvocationOperation { TargetMethod.Name: "TryParse" or "TryGetValue" } invocation when invocation.Arguments.Length > 1:
                var source = invocation.Instance ?? invocation.Arguments[0].Value;
                var isUser = IsUser(source);
                var isRequest = !isUser && IsRequestValue(source);
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.RefKind == RefKind.Out && OutLocal(argument.Value) is { } local)
                    {
                        if (isUser)
                        {
                            _userLocals.Add(local);
                        }
                        else if (isRequest)
                        {
                            _requestLocals.Add(local);
                        }
                    }
                }

                break;
        }
    }

    private static ILocalSymbol? OutLocal(IOperation value) =>
        value switch
        {
            IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

    private void Classify(ILocalSymbol local, IOperation value)
    {
        if (IsUser(value))
        {
            _userLocals.Add(local);
            return;
        }

        if (_userLocals.Contains(local))
        {
            return;
        }

        if (IsRequestValue(value))
        {
            _requestLocals.Add(local);
            return;
        }

        if (!ContainsRequestOrResource(value) || !ContainsCall(value))
        {
            return;
        }

        if (IsQueryable(local.Type) && local.Type is not { TypeKind: TypeKind.Array })
        {
            _queryLocals.Add(local);
        }
        else if (IsEntityLike(local.Type))
        {
            _resourceLocals.Add(local);
        }
    }

    private static bool ContainsCall(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQueryable(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "IQueryable" or "DbSet" or "IOrderedQueryable" or "IIncludableQueryable" })
        {
            return true;
        }

        foreach (var face in type.AllInterfaces)
        {
            if (face.Name == "IQueryable")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEntityLike(ITypeSymbol? type)
    {
        type = OwnershipFacts.Unwrap(type);
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || named.SpecialType != SpecialType.None || named.IsTupleType)
        {
            return false;
        }

        return !IsFrameworkNamespace(named.ContainingNamespace);
    }

    /// <summary><c>System</c>, <c>System.*</c> or <c>Microsoft.*</c>.</summary>
    private static bool IsFrameworkNamespace(INamespaceSymbol? ns) =>
        SymbolNames.IsNamespace(ns, "System") || SymbolNames.NamespaceStartsWith(ns, "System.") || SymbolNames.NamespaceStartsWith(ns, "Microsoft.");

    // ---------------------------------------------------------------------------------------------
    // Values
    // ---------------------------------------------------------------------------------------------

    private ParameterRole RoleOf(IParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method) ? _roles(parameter) : ParameterRole.Other;

    private bool IsOwnParameter(IParameterSymbol parameter) => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method);

    /// <summary>True when <paramref name="operation"/> yields the current user or a value derived from it.</summary>
    public bool IsUser(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return false;
            case IConversionOperation conversion:
                return IsUser(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return IsUser(parenthesized.Operand);
            case IAwaitOperation awaited:
                return IsUser(awaited.Operation);
            case ICoalesceOperation coalesce:
                return IsUser(coalesce.Value);
            case IConditionalAccessOperation access:
                return IsUser(access.Operation);
            case ILocalReferenceOperation local:
                return _userLocals.Contains(local.Local);
            case IParameterReferenceOperation parameter:
                return RoleOf(parameter.Parameter) == ParameterRole.User
                    || IsPrincipalType(parameter.Type)
                    || (IsCapturedConstructorParameter(parameter.Parameter) && (_settings.IsCurrentUserName(parameter.Parameter.Name) || _settings.IsCurrentUserName(parameter.Parameter.Type.Name)));
            case IMemberReferenceOperation member:
                if (member.Member is IMethodSymbol)
                {
                    return false;
                }

                if (IsPrincipalType(member.Type) || (member.Instance is { } instance && !(instance is IInstanceReferenceOperation) && IsUser(instance)))
                {
                    return true;
                }

                return IsServiceLike(member.Instance) && (_settings.IsCurrentUserName(member.Member.Name) || (member.Type is { } memberType && _settings.IsCurrentUserName(memberType.Name)));
            case IInvocationOperation invocation:
                if (invocation.Type?.SpecialType == SpecialType.System_Boolean || ContainsRequestOrResource(invocation))
                {
                    return false;
                }

                if (IsUser(invocation.Instance) || IsPrincipalType(invocation.Type))
                {
                    return true;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (IsUser(argument.Value) || (argument.Value is IDelegateCreationOperation or IAnonymousFunctionOperation && ContainsUser(argument.Value)))
                    {
                        return true;
                    }
                }

                return _settings.IsCurrentUserName(invocation.TargetMethod.Name) && (invocation.Instance is null || IsServiceLike(invocation.Instance));
            default:
                return false;
        }
    }

    private bool ContainsUser(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IMemberReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation or IInvocationOperation && IsUser(descendant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>This, a static, a member of this (an injected service), a service parameter.</summary>
    private bool IsServiceLike(IOperation? instance) =>
        instance switch
        {
            null => true,
            IInstanceReferenceOperation => true,
            IMemberReferenceOperation member => member.Instance is null or IInstanceReferenceOperation,
            IParameterReferenceOperation parameter => (IsOwnParameter(parameter.Parameter) && RoleOf(parameter.Parameter) is ParameterRole.Other or ParameterRole.User)
                || IsCapturedConstructorParameter(parameter.Parameter),
            _ => false,
        };

    /// <summary>A primary-constructor parameter used in a method: an injected service.</summary>
    private bool IsCapturedConstructorParameter(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
        && !SymbolEqualityComparer.Default.Equals(constructor, _method);

    /// <summary>True when <paramref name="operation"/> is a request identifier (or the request model), possibly converted.</summary>
    private bool IsRequestValue(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return false;
            case IConversionOperation conversion:
                return IsRequestValue(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return IsRequestValue(parenthesized.Operand);
            case ICoalesceOperation coalesce:
                return IsRequestValue(coalesce.Value);
            case ILocalReferenceOperation local:
                return _requestLocals.Contains(local.Local);
            case IParameterReferenceOperation parameter:
                return RoleOf(parameter.Parameter) is ParameterRole.RequestId or ParameterRole.RequestModel;
            case IPropertyReferenceOperation or IFieldReferenceOperation:
                var member = (IMemberReferenceOperation)operation;
                return member.Instance is IParameterReferenceOperation { } owner && RoleOf(owner.Parameter) == ParameterRole.RequestModel && IsIdLike(member.Member.Name);
            case IInvocationOperation invocation when SymbolNames.IsNamespace(invocation.TargetMethod.ContainingNamespace, "System"):
                if (IsRequestValue(invocation.Instance))
                {
                    return true;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (IsRequestValue(argument.Value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>True when a request identifier, a loaded resource or a filtered query flows into <paramref name="operation"/>.</summary>
    private bool ContainsRequestOrResource(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case ILocalReferenceOperation local when _requestLocals.Contains(local.Local) || _resourceLocals.Contains(local.Local) || _queryLocals.Contains(local.Local):
                    return true;
                case IParameterReferenceOperation parameter:
                    var role = RoleOf(parameter.Parameter);
                    if (role == ParameterRole.RequestId)
                    {
                        return true;
                    }

                    if (role == ParameterRole.RequestModel
                        && !(descendant.Parent is IMemberReferenceOperation parent && parent.Instance == descendant && !IsIdLike(parent.Member.Name)))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private ILocalSymbol? Resource(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation is ILocalReferenceOperation local && _resourceLocals.Contains(local.Local) ? local.Local : null;
    }

    /// <summary>The resource local whose member (at any depth) <paramref name="target"/> writes.</summary>
    private ILocalSymbol? ModifiedResource(IOperation target)
    {
        var current = target;
        while (current is IMemberReferenceOperation { Instance: { } instance })
        {
            current = instance;
            if (Resource(current) is { } local)
            {
                return local;
            }
        }

        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Evidence and mutations
    // ---------------------------------------------------------------------------------------------

    private bool IsEvidenceComparison(IBinaryOperation binary)
    {
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.ObjectValueEquals or BinaryOperatorKind.ObjectValueNotEquals))
        {
            return false;
        }

        return ComparesUserWithOther(binary.LeftOperand, binary.RightOperand) || ComparesUserWithOther(binary.RightOperand, binary.LeftOperand);
    }

    private bool ComparesUserWithOther(IOperation user, IOperation other) =>
        IsUser(user) && !IsConstant(other) && !IsUser(other);

    private static bool IsConstant(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation.ConstantValue.HasValue || operation is ILiteralOperation or IDefaultValueOperation;
    }

    /// <summary>
    /// True for the names of the calls that <see cref="Inspect"/> can take for evidence or a mutation with no value of
    /// the current user in sight and without following them: authorization and checks named for it, a mediator send,
    /// SQL and EF's bulk operations (<c>Execute…</c>), <c>Entry</c>, a mutating verb. A save (<see cref="IsSaveName"/>)
    /// tells only beside a change of a loaded resource in the same body. <see cref="CalleeSyntax"/> skips binding a
    /// callee that has none of them; keep the two in step with <see cref="Inspect"/> and <see cref="Analyze"/>.
    /// </summary>
    public static bool IsTellingCallName(string name) =>
        name is "AuthorizeAsync" or "Authorize" or "IsInRole" or "Entry" or "SetValues" or "Send" or "SendAsync" or "Dispatch" or "DispatchAsync" or "HandleAsync"
        || name.StartsWith("Execute", StringComparison.Ordinal)
        || ContainsAny(name, CheckCallWords)
        || StartsWithVerb(StripAsync(name));

    /// <summary>
    /// A call that may write a loaded resource through another value: a mapper's <c>Map(request, note)</c>, <c>Apply</c>,
    /// <c>Adapt</c> (a modification that counts once saved).
    /// </summary>
    public static bool IsMapLikeName(string name) => StartsWithAny(name, MapLikeNames);

    /// <summary>A save: <c>SaveChanges…</c>, <c>Commit…</c>, <c>Save</c>, <c>Complete</c>. It turns a modification of a loaded resource into a mutation.</summary>
    public static bool IsSaveName(string name) =>
        name.StartsWith("SaveChanges", StringComparison.Ordinal) || name.StartsWith("Commit", StringComparison.Ordinal) || name is "Save" or "SaveAsync" or "CompleteAsync" or "Complete";

    private void Inspect(IInvocationOperation invocation, ref bool evidence, ref MutationFact? mutation, ref MutationFact? modification, ref bool saves)
    {
        var method = invocation.TargetMethod;
        var name = method.Name;
        var ns = method.ContainingNamespace;

        // Evidence: Equals / Compare between the user and something else.
        if (name is "Equals" or "Compare" or "CompareOrdinal" or "SequenceEqual")
        {
            var values = new List<IOperation>(3);
            if (invocation.Instance is { } instance)
            {
                values.Add(instance);
            }

            foreach (var argument in invocation.Arguments)
            {
                values.Add(argument.Value);
            }

            for (var i = 0; i < values.Count; i++)
            {
                for (var j = 0; j < values.Count; j++)
                {
                    if (i != j && ComparesUserWithOther(values[i], values[j]))
                    {
                        evidence = true;
                    }
                }
            }

            return;
        }

        // Evidence: resource-based authorization, role checks.
        if (name is "AuthorizeAsync" or "Authorize")
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "resource" && !IsConstant(argument.Value))
                {
                    evidence = true;
                }
            }
        }

        if (name == "IsInRole" && IsPrincipalType(method.ContainingType))
        {
            evidence = true;
        }

        // Evidence: a check named for it, handed the resource or its id (EnsureCanEditAsync(note), _permissions.HasAccess(id)).
        if (ContainsAny(name, CheckCallWords) && MentionsRequestOrResource(invocation))
        {
            evidence = true;
        }

        // Evidence: a call scoped by the current user (the user and a request value flow into it).
        if (IsScopedByUser(invocation, ns))
        {
            evidence = true;
        }

        if (name is "Send" or "SendAsync" or "Dispatch" or "DispatchAsync" or "ExecuteAsync" or "HandleAsync" && CommandOf(invocation) is { } command)
        {
            InspectCommand(command, invocation, ref evidence, ref mutation);
            return;
        }

        var isEf = SymbolNames.NamespaceStartsWith(ns, "Microsoft.EntityFrameworkCore");
        if (isEf)
        {
            InspectEntityFramework(invocation, name, ref evidence, ref mutation, ref modification, ref saves);
            return;
        }

        // Dapper and friends: connection.ExecuteAsync("DELETE FROM Notes WHERE Id = @id", new { id }).
        if (name.StartsWith("Execute", StringComparison.Ordinal) && invocation.Arguments.Length > 1
            && invocation.Arguments[1].Value.Type is { SpecialType: SpecialType.System_String } or { Name: "FormattableString" })
        {
            InspectSql(invocation, ref evidence, ref mutation);
            return;
        }

        if (IsSaveName(name))
        {
            saves = true;
        }

        // A method of the loaded entity that changes it (note.Archive()), or a mapper writing into it.
        if (Resource(invocation.Instance) is { } target && !StartsWithAny(name, EntityQueryPrefixes) && method.ReturnsVoid)
        {
            modification ??= new MutationFact(MutationShape.LoadedResource, isDelete: false, target.Type, target, invocation.Syntax);
        }
        else if (IsMapLikeName(name))
        {
            for (var i = 1; i < invocation.Arguments.Length; i++)
            {
                if (Resource(invocation.Arguments[i].Value) is { } mapped)
                {
                    modification ??= new MutationFact(MutationShape.LoadedResource, isDelete: false, mapped.Type, mapped, invocation.Syntax);
                }
            }
        }

        // Follow same-compilation methods: their evidence counts here.
        var summary = MethodSummary.Nothing;
        if (_depth > 0 && OwnershipFacts.IsFollowable(method) && !SymbolNames.NamespaceStartsWith(ns, "System"))
        {
            summary = _facts.Summarize(method, _settings, _depth - 1, _cancellationToken);
            if (summary.HasEvidence && MentionsRequestResourceOrNothing(invocation))
            {
                evidence = true;
            }
        }

        if (IsFrameworkNamespace(ns))
        {
            return;
        }

        var isMutatingName = StartsWithVerb(StripAsync(name));
        if (!isMutatingName && summary.Mutation is null)
        {
            return;
        }

        // A service / repository call that changes a resource addressed by the request.
        ILocalSymbol? resource = null;
        var addressed = false;
        foreach (var argument in invocation.Arguments)
        {
            resource ??= Resource(argument.Value);
            addressed |= ContainsRequestOrResource(argument.Value);
        }

        if (!addressed || Resource(invocation.Instance) is not null)
        {
            return;
        }

        var entity = summary.Mutation?.Entity ?? resource?.Type;
        if (entity is null || OwnershipFacts.OwnerMember(entity, _settings) is null)
        {
            entity = _facts.GuessEntity(method, _settings) ?? entity;
        }

        var isDelete = summary.Mutation?.IsDelete ?? StartsWithAny(name, DeleteVerbs);
        mutation ??= new MutationFact(resource is null ? MutationShape.ServiceCall : MutationShape.LoadedResource, isDelete, entity, resource, invocation.Syntax);
    }

    /// <summary>A command / request object created for a mediator: <c>new DeleteNoteCommand(id)</c>.</summary>
    private static IObjectCreationOperation? CommandOf(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is IObjectCreationOperation { Type: { } type } creation && StartsWithVerb(type.Name))
            {
                return creation;
            }
        }

        return null;
    }

    /// <summary>
    /// A mediator command (MediatR style): the user flowing into the command is evidence; else the
    /// command's handler (<c>Handle(DeleteNoteCommand request, …)</c> in the compilation) is followed,
    /// and the command's name says what it changes.
    /// </summary>
    private void InspectCommand(IObjectCreationOperation command, IInvocationOperation invocation, ref bool evidence, ref MutationFact? mutation)
    {
        if (ContainsUser(command))
        {
            evidence = true;
            return;
        }

        if (!ContainsRequestOrResource(command) || command.Type is not { } commandType)
        {
            return;
        }

        var summary = MethodSummary.Nothing;
        if (_depth > 0)
        {
            foreach (var handler in _facts.CommandHandlers(commandType, _cancellationToken))
            {
                var handled = _facts.Summarize(handler, _settings, _depth - 1, _cancellationToken);
                if (handled.HasEvidence)
                {
                    evidence = true;
                    return;
                }

                if (handled.Mutation is not null)
                {
                    summary = handled;
                }
            }
        }

        var entity = summary.Mutation?.Entity ?? _facts.GuessEntityFromName(commandType.Name, _settings);
        var isDelete = summary.Mutation?.IsDelete ?? StartsWithAny(commandType.Name, DeleteVerbs);
        mutation ??= new MutationFact(MutationShape.ServiceCall, isDelete, entity, null, invocation.Syntax);
    }

    private bool MentionsRequestOrResource(IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance && ContainsRequestOrResource(instance))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (ContainsRequestOrResource(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private bool MentionsRequestResourceOrNothing(IInvocationOperation invocation)
    {
        if (invocation.Arguments.IsEmpty)
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (ContainsRequestOrResource(argument.Value) || IsUser(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private void InspectEntityFramework(IInvocationOperation invocation, string name, ref bool evidence, ref MutationFact? mutation, ref MutationFact? modification, ref bool saves)
    {
        if (name == "SetValues" && invocation.Instance is { } values)
        {
            foreach (var descendant in values.DescendantsAndSelf())
            {
                if (Resource(descendant) is { } written)
                {
                    modification ??= new MutationFact(MutationShape.LoadedResource, isDelete: false, written.Type, written, invocation.Syntax);
                    break;
                }
            }

            return;
        }

        if (name.StartsWith("SaveChanges", StringComparison.Ordinal))
        {
            saves = true;
            return;
        }

        if (name.StartsWith("ExecuteSql", StringComparison.Ordinal) && invocation.Arguments.Length > 1)
        {
            InspectSql(invocation, ref evidence, ref mutation);
            return;
        }

        if (name is "ExecuteDelete" or "ExecuteDeleteAsync" or "ExecuteUpdate" or "ExecuteUpdateAsync")
        {
            var source = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            if (source is not null && ContainsRequestOrResource(source))
            {
                var entity = invocation.TargetMethod.TypeArguments.Length > 0 ? invocation.TargetMethod.TypeArguments[0] : null;
                mutation ??= new MutationFact(MutationShape.Query, name.StartsWith("ExecuteDelete", StringComparison.Ordinal), entity, null, invocation.Syntax);
            }

            return;
        }

        if (name is not ("Remove" or "RemoveRange" or "Update" or "UpdateRange"))
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            var isDelete = name.StartsWith("Remove", StringComparison.Ordinal);
            if (Resource(value) is { } local)
            {
                mutation ??= new MutationFact(MutationShape.LoadedResource, isDelete, local.Type, local, invocation.Syntax);
            }
            else if (IsRequestValue(value) && IsEntityLike(value.Type))
            {
                mutation ??= new MutationFact(MutationShape.BodyEntity, isDelete, value.Type, null, invocation.Syntax);
            }
            else if (value is IObjectCreationOperation && ContainsRequestOrResource(value))
            {
                mutation ??= new MutationFact(MutationShape.ServiceCall, isDelete, value.Type, null, invocation.Syntax);
            }
        }
    }

    /// <summary>
    /// <c>ExecuteSqlInterpolatedAsync($"DELETE FROM Notes WHERE Id = {id}")</c>: a raw DELETE / UPDATE with
    /// the request id; the table names the entity, and an owner column in the SQL scopes it.
    /// </summary>
    private void InspectSql(IInvocationOperation invocation, ref bool evidence, ref MutationFact? mutation)
    {
        var sql = invocation.Arguments[1].Value;
        var text = sql.Syntax.ToString();
        var upper = text.ToUpperInvariant();
        var isDelete = upper.Contains("DELETE ");
        if ((!isDelete && !upper.Contains("UPDATE ")) || !ContainsRequestOrResource(invocation))
        {
            return;
        }

        foreach (var owner in _settings.OwnerMembers)
        {
            if (text.IndexOf(owner, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                evidence = true;
                return;
            }
        }

        var table = TableAfter(text, isDelete ? "FROM" : "UPDATE");
        var entity = table is null ? null : _facts.GuessEntityFromName("Delete" + table, _settings);
        mutation ??= new MutationFact(MutationShape.ServiceCall, isDelete, entity, null, invocation.Syntax);
    }

    private static string? TableAfter(string sql, string keyword)
    {
        var index = sql.IndexOf(keyword + " ", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return null;
        }

        var start = index + keyword.Length + 1;
        while (start < sql.Length && sql[start] is ' ' or '[' or '"' or '`')
        {
            start++;
        }

        var end = start;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end > start ? sql.Substring(start, end - start) : null;
    }

    private bool IsScopedByUser(IInvocationOperation invocation, INamespaceSymbol? ns)
    {
        var method = invocation.TargetMethod;
        if (SymbolNames.NamespaceStartsWith(ns, "Microsoft.Extensions.Logging")
            || (SymbolNames.NamespaceStartsWith(ns, "System") && !IsPrincipalType(method.ContainingType))
            || method.ContainingType?.Name is "ControllerBase" or "Controller" or "PageModel" or "Results" or "TypedResults"
            || ContainsAny(method.Name, NonEvidenceCallWords)
            || (method.ContainingType is { } type && ContainsAny(type.Name, NonEvidenceCallWords)))
        {
            return false;
        }

        var hasUser = IsUser(invocation.Instance) && !(invocation.Instance is IInstanceReferenceOperation);
        var hasOther = false;
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            if (IsUser(value))
            {
                hasUser = true;
            }
            else if (!IsConstant(value) && ContainsRequestOrResource(value))
            {
                hasOther = true;
            }
        }

        return hasUser && hasOther;
    }

    private static string StripAsync(string name) =>
        name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;

    private static bool StartsWithVerb(string name)
    {
        foreach (var verb in MutatingVerbs)
        {
            if (name.StartsWith(verb, StringComparison.Ordinal) && (name.Length == verb.Length || char.IsUpper(name[verb.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithAny(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string name, string[] words)
    {
        foreach (var word in words)
        {
            if (name.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
