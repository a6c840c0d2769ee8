using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gatekeeper.Analyzers.Web;

/// <summary>Conventions gathered for one route builder (an endpoint, a group, the controller routes).</summary>
internal sealed class ConventionSet
{
    private readonly HashSet<SyntaxNode> _visited = new();
    private readonly HashSet<string> _scannedVariables = new(StringComparer.Ordinal);

    public List<AuthorizationMetadata> Authorization { get; } = new();

    /// <summary>The endpoint name (<c>WithName("…")</c>), when one is set.</summary>
    public string? Name { get; set; }

    public bool HasEndpointFilters { get; set; }

    /// <summary>False when the invocation was seen already (a chain reached twice through a variable).</summary>
    public bool Visit(SyntaxNode node) => _visited.Add(node);

    public bool VisitVariable(SyntaxNode scope, string name) =>
        _scannedVariables.Add(scope.SyntaxTree.FilePath + ":" + scope.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + name);
}

/// <summary>
/// One route-builder path from the application root to the builder an endpoint is mapped on:
/// the combined group prefix and the metadata of every group on the way (innermost first).
/// </summary>
internal sealed class BuilderPath
{
    public static readonly BuilderPath Root = new(string.Empty, ImmutableArray<AuthorizationMetadata>.Empty, hasEndpointFilters: false, isIncomplete: false, isPrefixPartial: false);

    public static readonly BuilderPath Unknown = new(string.Empty, ImmutableArray<AuthorizationMetadata>.Empty, hasEndpointFilters: false, isIncomplete: true, isPrefixPartial: false);

    private BuilderPath(string prefix, ImmutableArray<AuthorizationMetadata> authorization, bool hasEndpointFilters, bool isIncomplete, bool isPrefixPartial)
    {
        Prefix = prefix;
        Authorization = authorization;
        HasEndpointFilters = hasEndpointFilters;
        IsIncomplete = isIncomplete;
        IsPrefixPartial = isPrefixPartial;
    }

    /// <summary>The group prefixes combined; prefixes that are not constants are left out (see <see cref="IsPrefixPartial"/>).</summary>
    public string Prefix { get; }

    /// <summary>True when a group's prefix was left out of <see cref="Prefix"/> (not a constant, or not one the model could read).</summary>
    public bool IsPrefixPartial { get; }

    public ImmutableArray<AuthorizationMetadata> Authorization { get; }

    public bool HasEndpointFilters { get; }

    /// <summary>True when the path could not be followed to the application root.</summary>
    public bool IsIncomplete { get; }

    /// <summary>This path extended by a group with <paramref name="prefix"/> (null when unread) and <paramref name="conventions"/>.</summary>
    public BuilderPath Nest(string? prefix, bool prefixRead, ConventionSet conventions)
    {
        var authorization = Authorization;
        if (conventions.Authorization.Count > 0)
        {
            var builder = ImmutableArray.CreateBuilder<AuthorizationMetadata>(conventions.Authorization.Count + Authorization.Length);
            builder.AddRange(conventions.Authorization);
            builder.AddRange(Authorization);
            authorization = builder.MoveToImmutable();
        }

        return new BuilderPath(
            RouteTemplates.Combine(Prefix, prefix, absoluteOverrides: false),
            authorization,
            HasEndpointFilters || conventions.HasEndpointFilters,
            IsIncomplete,
            IsPrefixPartial || !prefixRead);
    }
}

/// <summary>
/// Follows Minimal API route builders through source code, with syntax only, so that it works the
/// same in the tree being analyzed and in any other tree of the compilation:
/// <list type="bullet">
/// <item>upwards, the conventions applied to a builder: the fluent chain after the call, later calls
/// on the variable that holds it, and the chains of the callers when a method returns it;</item>
/// <item>downwards, the route groups a builder belongs to: <c>MapGroup</c> calls, variables, fields,
/// and parameters (back to every call site of the method that receives the builder, by name).</item>
/// </list>
/// Calls are matched by name and argument count, not bound: a same-named method elsewhere can
/// only add paths, and a path that adds authorization makes the model err towards "authorized".
/// </summary>
internal sealed class RouteBuilderFlow
{
    /// <summary>How many method boundaries (caller / callee hops) a path may cross.</summary>
    public const int MaxDepth = 4;

    private const int MaxPaths = 8;

    /// <summary>How many expressions one resolution may have in progress (a guard against pathological chains).</summary>
    private const int MaxNesting = 256;

    [ThreadStatic]
    private static HashSet<SyntaxNode>? _inProgress;

    /// <summary>ASP.NET Core methods that create a new endpoint or group from a builder: a chain after them is theirs.</summary>
    private static readonly HashSet<string> FrameworkFactories = new(StringComparer.Ordinal)
    {
        "Map", "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods", "MapGroup", "MapFallback",
        "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute", "MapDynamicControllerRoute",
        "MapFallbackToController", "MapFallbackToAreaController", "MapRazorPages", "MapFallbackToPage", "MapFallbackToAreaPage",
        "MapDynamicPageRoute", "MapHub", "MapHealthChecks", "MapOpenApi", "MapStaticAssets", "MapIdentityApi", "MapGrpcService",
        "MapBlazorHub", "MapRazorComponents", "MapFallbackToFile", "MapSwagger", "MapConnectionHandler", "MapConnections",
    };

    /// <summary>Conventions known to say nothing about authorization.</summary>
    private static readonly HashSet<string> NeutralConventions = new(StringComparer.Ordinal)
    {
        "WithName", "WithDisplayName", "WithTags", "WithGroupName", "WithOpenApi", "WithSummary", "WithDescription",
        "Produces", "ProducesProblem", "ProducesValidationProblem", "Accepts", "ExcludeFromDescription", "CacheOutput",
        "DisableAntiforgery", "RequireHost", "RequireCors", "RequireRateLimiting", "DisableRateLimiting", "WithRequestTimeout",
        "DisableRequestTimeout", "ShortCircuit", "DisableHttpMetrics", "WithOrder", "WithFormOptions", "WithHttpLogging", "Add",
        "Finally", "WithStaticAssets", "DisableValidation", "WithMetadata", "AddEndpointFilter", "AddEndpointFilterFactory",
        "ConfigureAwait", "WithFormMappingOptions", "ProducesResponseType",
    };

    private readonly CompilationSyntaxIndex _index;
    private readonly ConcurrentDictionary<(SyntaxNode Declaration, int Depth, SyntaxTree? ModelTree), ImmutableArray<BuilderPath>> _resolvedDeclarations = new();
    private readonly ConcurrentDictionary<(SyntaxNode MapGroup, SyntaxTree? ModelTree), ConventionSet> _groupConventions = new();

    public RouteBuilderFlow(CompilationSyntaxIndex index)
    {
        _index = index;
    }

    /// <summary>True for <c>Map*</c> methods of ASP.NET Core that create endpoints or groups.</summary>
    public static bool IsFrameworkFactory(string name) => FrameworkFactories.Contains(name);

    // ------------------------------------------------------------------------------------------
    // Upwards: the conventions applied to a builder.
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// Gathers the conventions applied to the builder that <paramref name="producer"/> (a <c>Map*</c>
    /// call, or a call of a method that returns a builder) creates.
    /// </summary>
    public void CollectConventions(ExpressionSyntax producer, AuthorizationLevel level, ConventionSet conventions, SemanticModel? model, int depth, CancellationToken cancellationToken)
    {
        var current = producer;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parent = current.Parent;
            if (parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                current = (ExpressionSyntax)parent;
                continue;
            }

            if (parent is MemberAccessExpressionSyntax access && access.Expression == current && access.Parent is InvocationExpressionSyntax call && call.Expression == access)
            {
                var name = access.Name.Identifier.ValueText;
                if (IsFrameworkFactory(name) || !conventions.Visit(call))
                {
                    return;
                }

                ApplyConvention(name, call, level, conventions, model);
                current = call;
                continue;
            }

            break;
        }

        FollowBuilderValue(current, level, conventions, model, depth, cancellationToken);
    }

    /// <summary>Where the builder value goes after its chain: into a variable, or out of a method to its callers.</summary>
    private void FollowBuilderValue(ExpressionSyntax value, AuthorizationLevel level, ConventionSet conventions, SemanticModel? model, int depth, CancellationToken cancellationToken)
    {
        switch (value.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                if (VariableScope(declarator) is { } scope)
                {
                    ScanVariableUsages(declarator.Identifier.ValueText, scope, level, conventions, model, depth, cancellationToken);
                }

                break;

            case AssignmentExpressionSyntax assignment when assignment.Right == value && AssignedName(assignment.Left) is { } assigned:
                if (AssignmentScope(assignment) is { } assignmentScope)
                {
                    ScanVariableUsages(assigned, assignmentScope, level, conventions, model, depth, cancellationToken);
                }

                break;

            case ReturnStatementSyntax or ArrowExpressionClauseSyntax when depth < MaxDepth && EnclosingMethod(value) is { } method:
                foreach (var caller in _index.InvocationsNamed(method.Identifier.ValueText, cancellationToken))
                {
                    if (IsPlausibleCall(caller, method.ParameterList, IsInStaticClass(method)))
                    {
                        CollectConventions(caller, level, conventions, model, depth + 1, cancellationToken);
                    }
                }

                break;

            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax callee } arguments } argument when depth < MaxDepth:
                // `Secure(app.MapPost(…))`: the method may apply conventions to its parameter.
                FollowIntoCallee(callee, arguments.Arguments.IndexOf(argument), argument, level, conventions, depth, cancellationToken);
                break;
        }
    }

    private void FollowIntoCallee(InvocationExpressionSyntax callee, int argumentIndex, ArgumentSyntax argument, AuthorizationLevel level, ConventionSet conventions, int depth, CancellationToken cancellationToken)
    {
        if (SyntaxTreeIndex.InvokedName(callee) is not { } name)
        {
            return;
        }

        foreach (var (list, body, inStaticClass) in Callees(callee, name, cancellationToken))
        {
            if (!IsPlausibleCall(callee, list, inStaticClass))
            {
                continue;
            }

            var position = argumentIndex + (IsExtensionStyle(callee, list, inStaticClass) ? 1 : 0);
            var parameter = argument.NameColon is { } nameColon
                ? ParameterIn(list, nameColon.Name.Identifier.ValueText)
                : position < list.Parameters.Count ? list.Parameters[position] : null;
            if (parameter is not null)
            {
                ScanVariableUsages(parameter.Identifier.ValueText, body, level, conventions, model: null, depth + 1, cancellationToken);
            }
        }
    }

    /// <summary>The methods of the compilation named <paramref name="name"/>, and the local functions of that name in scope of <paramref name="call"/>.</summary>
    private IEnumerable<(ParameterListSyntax Parameters, SyntaxNode Body, bool InStaticClass)> Callees(InvocationExpressionSyntax call, string name, CancellationToken cancellationToken)
    {
        foreach (var method in _index.MethodsNamed(name, cancellationToken))
        {
            if (((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body)
            {
                yield return (method.ParameterList, body, IsInStaticClass(method));
            }
        }

        if (call.Expression is not IdentifierNameSyntax)
        {
            yield break;
        }

        foreach (var ancestor in call.Ancestors())
        {
            if (ancestor is not (BaseMethodDeclarationSyntax or CompilationUnitSyntax or AccessorDeclarationSyntax))
            {
                continue;
            }

            foreach (var node in ancestor.DescendantNodes())
            {
                if (node is LocalFunctionStatementSyntax localFunction && localFunction.Identifier.ValueText == name
                    && ((SyntaxNode?)localFunction.Body ?? localFunction.ExpressionBody) is { } localBody)
                {
                    yield return (localFunction.ParameterList, localBody, false);
                }
            }

            yield break;
        }
    }

    private void ScanVariableUsages(string name, SyntaxNode scope, AuthorizationLevel level, ConventionSet conventions, SemanticModel? model, int depth, CancellationToken cancellationToken)
    {
        if (!conventions.VisitVariable(scope, name))
        {
            return;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name)
            {
                continue;
            }

            // `group.RequireAuthorization()` or `this._group.RequireAuthorization()`.
            ExpressionSyntax reference = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == identifier ? self : identifier;
            if (reference.Parent is MemberAccessExpressionSyntax access && access.Expression == reference && access.Parent is InvocationExpressionSyntax call && call.Expression == access)
            {
                var member = access.Name.Identifier.ValueText;
                if (IsFrameworkFactory(member) || !conventions.Visit(call))
                {
                    continue;
                }

                ApplyConvention(member, call, level, conventions, model);
                CollectConventions(call, level, conventions, model, depth, cancellationToken);
            }
            else if (reference.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax && conventions.Visit(reference))
            {
                // `return group;`: the callers may add conventions to the returned builder.
                FollowBuilderValue(reference, level, conventions, model, depth, cancellationToken);
            }
        }
    }

    private static void ApplyConvention(string name, InvocationExpressionSyntax call, AuthorizationLevel level, ConventionSet conventions, SemanticModel? model)
    {
        switch (name)
        {
            case "RequireAuthorization":
                conventions.Authorization.Add(RequireFromArguments(call, level, model, isInferred: false));
                return;
            case "AllowAnonymous":
                conventions.Authorization.Add(AuthorizationMetadata.Anonymous(level, call));
                return;
            case "WithName":
                conventions.Name ??= FirstStringArgument(call, model);
                return;
            case "WithMetadata":
                foreach (var argument in call.ArgumentList.Arguments)
                {
                    if (AuthorizationFromCreation(argument.Expression, level, model) is { } metadata)
                    {
                        conventions.Authorization.Add(metadata);
                    }
                }

                return;
            case "AddEndpointFilter" or "AddEndpointFilterFactory":
                conventions.HasEndpointFilters = true;
                if (LooksLikeAuthorizationName(FilterTypeText(call)))
                {
                    conventions.Authorization.Add(AuthorizationMetadata.Require(level, call, isInferred: true));
                }

                return;
        }

        if (!NeutralConventions.Contains(name) && LooksLikeAuthorizationName(name))
        {
            // A team's own convention: RequirePermission("notes.write"), RequireScope(…), RequireAdmin().
            conventions.Authorization.Add(RequireFromArguments(call, level, model, isInferred: true));
        }
    }

    /// <summary>
    /// Names that suggest an authorization convention, filter or attribute: <c>Auth</c> (not
    /// <c>Author</c> unless <c>Authoriz…</c>), <c>Permission</c>, <c>Role</c>, <c>Polic…</c>, <c>Scope</c>,
    /// <c>Claim</c>, <c>ApiKey</c>, or <c>Require…</c> other than the framework's non-authorization
    /// conventions (<c>RequireHost</c>, <c>RequireCors</c>, <c>RequireHttps</c>, <c>RequireRateLimiting</c>).
    /// </summary>
    public static bool LooksLikeAuthorizationName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var text = name!;
        if (Contains(text, "Permission") || Contains(text, "Role") || Contains(text, "Polic") || Contains(text, "Scope")
            || Contains(text, "Claim") || Contains(text, "ApiKey") || Contains(text, "Authoriz") || Contains(text, "Authent"))
        {
            return true;
        }

        for (var index = text.IndexOf("Auth", StringComparison.OrdinalIgnoreCase); index >= 0; index = text.IndexOf("Auth", index + 4, StringComparison.OrdinalIgnoreCase))
        {
            // [Author("…")] is documentation, [JwtAuth] is authorization.
            if (string.Compare(text, index, "Author", 0, 6, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return true;
            }
        }

        return text.StartsWith("Require", StringComparison.Ordinal)
            && !NeutralConventions.Contains(text)
            && !text.StartsWith("RequireHttps", StringComparison.Ordinal);
    }

    private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

    private static string? FilterTypeText(InvocationExpressionSyntax call)
    {
        if (call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } && generic.TypeArgumentList.Arguments.Count > 0)
        {
            return generic.TypeArgumentList.Arguments[0].ToString();
        }

        if (call.ArgumentList.Arguments.Count > 0)
        {
            return call.ArgumentList.Arguments[0].Expression switch
            {
                ObjectCreationExpressionSyntax creation => creation.Type.ToString(),
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.ToString(),
                _ => null,
            };
        }

        return null;
    }

    /// <summary><c>RequireAuthorization("Policy")</c>, <c>(p =&gt; p.RequireRole("Admin"))</c>, <c>(new AuthorizeAttribute { Roles = "Admin" })</c>, <c>(Policies.Admin)</c>.</summary>
    private static AuthorizationMetadata RequireFromArguments(InvocationExpressionSyntax call, AuthorizationLevel level, SemanticModel? model, bool isInferred)
    {
        var roles = ImmutableArray.CreateBuilder<string>();
        var policies = ImmutableArray.CreateBuilder<string>();
        var rolesByName = call.Expression is MemberAccessExpressionSyntax named && Contains(named.Name.Identifier.ValueText, "Role");
        foreach (var argument in call.ArgumentList.Arguments)
        {
            switch (argument.Expression)
            {
                case LambdaExpressionSyntax lambda:
                    CollectRequiredRoles(lambda, roles, model);
                    break;
                case ObjectCreationExpressionSyntax creation when AuthorizationFromCreation(creation, level, model) is { } created:
                    roles.AddRange(created.Roles);
                    policies.AddRange(created.Policies);
                    break;
                case var expression:
                    if (ConstantString(expression, model) is { } text)
                    {
                        (rolesByName ? roles : policies).Add(text);
                    }
                    else if (expression is IdentifierNameSyntax or MemberAccessExpressionSyntax)
                    {
                        // A policy named by a constant of another tree, or a policy object: keep its name as written.
                        (rolesByName ? roles : policies).Add(expression.ToString());
                    }

                    break;
            }
        }

        return new AuthorizationMetadata(AuthorizationKind.Require, level, roles.ToImmutable(), policies.ToImmutable(), call, isInferred);
    }

    private static void CollectRequiredRoles(SyntaxNode policyBuilder, ImmutableArray<string>.Builder roles, SemanticModel? model)
    {
        foreach (var node in policyBuilder.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && SyntaxTreeIndex.InvokedName(invocation) == "RequireRole")
            {
                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    AddStrings(argument.Expression, roles, model);
                }
            }
        }
    }

    private static void AddStrings(ExpressionSyntax expression, ImmutableArray<string>.Builder target, SemanticModel? model)
    {
        if (ConstantString(expression, model) is { } text)
        {
            target.Add(text);
            return;
        }

        foreach (var node in expression.DescendantNodes())
        {
            if (node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                target.Add(literal.Token.ValueText);
            }
        }
    }

    /// <summary><c>new AuthorizeAttribute(…) { Roles = …, Policy = … }</c> / <c>new AllowAnonymousAttribute()</c> as metadata.</summary>
    private static AuthorizationMetadata? AuthorizationFromCreation(ExpressionSyntax expression, AuthorizationLevel level, SemanticModel? model)
    {
        if (expression is not ObjectCreationExpressionSyntax creation)
        {
            return null;
        }

        var typeName = creation.Type is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText : creation.Type.ToString();
        if (typeName is "AllowAnonymousAttribute" or "AllowAnonymous")
        {
            return AuthorizationMetadata.Anonymous(level, creation);
        }

        if (typeName is not ("AuthorizeAttribute" or "Authorize") && !LooksLikeAuthorizationName(typeName))
        {
            return null;
        }

        var roles = ImmutableArray.CreateBuilder<string>();
        var policies = ImmutableArray.CreateBuilder<string>();
        if (creation.ArgumentList is { Arguments.Count: > 0 } arguments && ConstantString(arguments.Arguments[0].Expression, model) is { } policy)
        {
            policies.Add(policy);
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var assignment in initializer.Expressions)
            {
                if (assignment is AssignmentExpressionSyntax { Left: IdentifierNameSyntax member } set && ConstantString(set.Right, model) is { } value)
                {
                    switch (member.Identifier.ValueText)
                    {
                        case "Roles":
                            AddSplit(value, roles);
                            break;
                        case "Policy":
                            policies.Add(value);
                            break;
                    }
                }
            }
        }

        return new AuthorizationMetadata(AuthorizationKind.Require, level, roles.ToImmutable(), policies.ToImmutable(), creation, isInferred: typeName is not ("AuthorizeAttribute" or "Authorize"));
    }

    /// <summary>Adds the comma-separated parts of <paramref name="value"/> (how <c>Roles = "A,B"</c> is read).</summary>
    public static void AddSplit(string value, ImmutableArray<string>.Builder target)
    {
        foreach (var part in value.Split(','))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                target.Add(trimmed);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Downwards: the route groups a builder belongs to.
    // ------------------------------------------------------------------------------------------

    /// <summary>
    /// The paths from the application root to the builder <paramref name="receiver"/> evaluates to
    /// (the receiver of a <c>Map*</c> call). Several when a registration method is called from several
    /// places; <see cref="BuilderPath.Unknown"/> when a path cannot be followed.
    /// </summary>
    public ImmutableArray<BuilderPath> ResolveReceiver(ExpressionSyntax receiver, SemanticModel? model, int depth, CancellationToken cancellationToken)
    {
        var paths = ImmutableArray.CreateBuilder<BuilderPath>();
        Resolve(receiver, model, depth, paths, cancellationToken);
        return paths.Count == 0 ? ImmutableArray.Create(BuilderPath.Unknown) : paths.ToImmutable();
    }

    private void Resolve(ExpressionSyntax expression, SemanticModel? model, int depth, ImmutableArray<BuilderPath>.Builder paths, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (paths.Count >= MaxPaths)
        {
            return;
        }

        // Half-typed code can be cyclic (`var g = g.MapGroup("/x");`): never resolve an expression inside itself.
        var inProgress = _inProgress ??= new HashSet<SyntaxNode>();
        if (inProgress.Count >= MaxNesting || !inProgress.Add(expression))
        {
            paths.Add(BuilderPath.Unknown);
            return;
        }

        try
        {
            ResolveCore(expression, model, depth, paths, cancellationToken);
        }
        finally
        {
            inProgress.Remove(expression);
        }
    }

    private void ResolveCore(ExpressionSyntax expression, SemanticModel? model, int depth, ImmutableArray<BuilderPath>.Builder paths, CancellationToken cancellationToken)
    {
        expression = Unwrap(expression);
        if (depth > MaxDepth)
        {
            paths.Add(BuilderPath.Unknown);
            return;
        }

        switch (expression)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call:
                ResolveInvocation(call, access, model, depth, paths, cancellationToken);
                return;

            case IdentifierNameSyntax identifier:
                ResolveIdentifier(identifier, model, depth, paths, cancellationToken);
                return;

            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member:
                ResolveIdentifier(member.Name as IdentifierNameSyntax, model, depth, paths, cancellationToken);
                return;

            case ConditionalExpressionSyntax conditional:
                // `group is null ? app : group`: either builder.
                Resolve(conditional.WhenTrue, model, depth, paths, cancellationToken);
                Resolve(conditional.WhenFalse, model, depth, paths, cancellationToken);
                return;

            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce:
                Resolve(coalesce.Left, model, depth, paths, cancellationToken);
                Resolve(coalesce.Right, model, depth, paths, cancellationToken);
                return;
        }

        paths.Add(IsApplicationRoot(expression, model) ? BuilderPath.Root : BuilderPath.Unknown);
    }

    private void ResolveInvocation(InvocationExpressionSyntax call, MemberAccessExpressionSyntax access, SemanticModel? model, int depth, ImmutableArray<BuilderPath>.Builder paths, CancellationToken cancellationToken)
    {
        var name = access.Name.Identifier.ValueText;
        if (name == "MapGroup")
        {
            var conventions = GroupConventions(call, model, depth, cancellationToken);
            var prefix = call.ArgumentList.Arguments.Count > 0 ? ConstantString(call.ArgumentList.Arguments[0].Expression, model) : null;
            var parents = ImmutableArray.CreateBuilder<BuilderPath>();
            Resolve(access.Expression, model, depth, parents, cancellationToken);
            foreach (var parent in parents)
            {
                paths.Add(parent.Nest(prefix, prefixRead: prefix is not null || call.ArgumentList.Arguments.Count == 0, conventions));
            }

            return;
        }

        if (name == "Build" && call.ArgumentList.Arguments.Count == 0)
        {
            // `builder.Build()`: the WebApplication.
            paths.Add(BuilderPath.Root);
            return;
        }

        if (NeutralConventions.Contains(name) || name is "RequireAuthorization" or "AllowAnonymous" || LooksLikeAuthorizationName(name))
        {
            // A convention returns its receiver; the group's conventions are gathered from the MapGroup call.
            Resolve(access.Expression, model, depth, paths, cancellationToken);
            return;
        }

        if (IsApplicationRoot(call, model))
        {
            paths.Add(BuilderPath.Root);
            return;
        }

        // A method of the project that returns a builder (`app.MapApiGroup()`): follow what it returns.
        var declared = false;
        var found = false;
        foreach (var method in _index.MethodsNamed(name, cancellationToken))
        {
            declared = true;
            if (depth >= MaxDepth || !IsPlausibleCall(call, method.ParameterList, IsInStaticClass(method)))
            {
                continue;
            }

            foreach (var returned in ReturnedExpressions(method))
            {
                found = true;
                Resolve(returned, SameTree(model, returned), depth + 1, paths, cancellationToken);
            }
        }

        if (!declared)
        {
            // A library's convention (`.WithApiVersionSet(…)`, `.NewVersionedApi()`): fluent builders return their receiver.
            Resolve(access.Expression, model, depth, paths, cancellationToken);
        }
        else if (!found)
        {
            paths.Add(BuilderPath.Unknown);
        }
    }

    /// <summary>The conventions of the group a <c>MapGroup</c> call creates, gathered once per call.</summary>
    private ConventionSet GroupConventions(InvocationExpressionSyntax mapGroup, SemanticModel? model, int depth, CancellationToken cancellationToken)
    {
        // Per model, as the declarations' paths: constants read with a model must not be lost to an answer found without one.
        var key = (mapGroup, model?.SyntaxTree);
        if (_groupConventions.TryGetValue(key, out var known))
        {
            return known;
        }

        var conventions = new ConventionSet();
        CollectConventions(mapGroup, AuthorizationLevel.Group, conventions, model, depth, cancellationToken);
        return _groupConventions.GetOrAdd(key, conventions);
    }

    private void ResolveIdentifier(IdentifierNameSyntax? identifier, SemanticModel? model, int depth, ImmutableArray<BuilderPath>.Builder paths, CancellationToken cancellationToken)
    {
        if (identifier is null)
        {
            paths.Add(BuilderPath.Unknown);
            return;
        }

        // Syntax first (and once per declaration: every endpoint of a group asks the same question).
        switch (FindDeclaration(identifier))
        {
            case VariableDeclaratorSyntax { Initializer: { } initializer } local:
                AddAll(paths, Cached(local, depth, model, builder => Resolve(initializer.Value, SameTree(model, initializer), depth, builder, cancellationToken)));
                return;

            case VariableDeclaratorSyntax field when field.Parent?.Parent is FieldDeclarationSyntax && FieldAssignment(field) is { } assigned:
                AddAll(paths, Cached(field, depth, model, builder => Resolve(assigned, SameTree(model, assigned), depth, builder, cancellationToken)));
                return;

            case ParameterSyntax parameter:
                ResolveParameter(parameter, model, depth, paths, cancellationToken);
                return;
        }

        paths.Add(IsApplicationRoot(identifier, model) ? BuilderPath.Root : BuilderPath.Unknown);
    }

    /// <summary>
    /// The paths of a declaration, computed once per declaration, depth and semantic model: a model of the tree
    /// can settle what syntax cannot (<see cref="IsApplicationRoot"/>, constants), so an answer found without one
    /// (GK1002's unbound reading, another tree's question) must not stand in for an answer with one.
    /// </summary>
    private ImmutableArray<BuilderPath> Cached(SyntaxNode declaration, int depth, SemanticModel? model, Action<ImmutableArray<BuilderPath>.Builder> compute)
    {
        var key = (declaration, depth, model?.SyntaxTree);
        if (_resolvedDeclarations.TryGetValue(key, out var resolved))
        {
            return resolved;
        }

        var builder = ImmutableArray.CreateBuilder<BuilderPath>();
        compute(builder);
        return _resolvedDeclarations.GetOrAdd(key, builder.Count == 0 ? ImmutableArray.Create(BuilderPath.Unknown) : builder.ToImmutable());
    }

    private static void AddAll(ImmutableArray<BuilderPath>.Builder paths, ImmutableArray<BuilderPath> resolved)
    {
        foreach (var path in resolved)
        {
            if (paths.Count < MaxPaths)
            {
                paths.Add(path);
            }
        }
    }

    private void ResolveParameter(ParameterSyntax parameter, SemanticModel? model, int depth, ImmutableArray<BuilderPath>.Builder paths, CancellationToken cancellationToken)
    {
        var typeName = parameter.Type is { } type ? SimpleTypeName(type) : null;
        if (typeName is "WebApplication" or "IApplicationBuilder")
        {
            paths.Add(BuilderPath.Root);
            return;
        }

        if (parameter.Parent is not ParameterListSyntax list || depth >= MaxDepth)
        {
            // A lambda parameter: `app.UseEndpoints(endpoints => endpoints.MapPost(…))` is the root.
            paths.Add(IsUseEndpointsLambdaParameter(parameter) ? BuilderPath.Root : BuilderPath.Unknown);
            return;
        }

        IEnumerable<InvocationExpressionSyntax> callers;
        bool inStaticClass;
        switch (list.Parent)
        {
            case MethodDeclarationSyntax method:
                callers = _index.InvocationsNamed(method.Identifier.ValueText, cancellationToken);
                inStaticClass = IsInStaticClass(method);
                break;
            case LocalFunctionStatementSyntax localFunction when EnclosingStatements(localFunction) is { } body:
                callers = LocalInvocations(body, localFunction.Identifier.ValueText);
                inStaticClass = false;
                break;
            case ParenthesizedLambdaExpressionSyntax lambda:
                paths.Add(IsUseEndpointsLambda(lambda) ? BuilderPath.Root : BuilderPath.Unknown);
                return;
            default:
                paths.Add(BuilderPath.Unknown);
                return;
        }

        // Every endpoint of a registration method asks the same question: answer it once per parameter.
        var index = list.Parameters.IndexOf(parameter);
        AddAll(paths, Cached(parameter, depth, model, builder =>
        {
            foreach (var caller in callers)
            {
                if (IsPlausibleCall(caller, list, inStaticClass) && ArgumentFor(caller, list, index, inStaticClass) is { } argument)
                {
                    Resolve(argument, SameTree(model, argument), depth + 1, builder, cancellationToken);
                }
            }
        }));
    }

    private static SyntaxNode? EnclosingStatements(LocalFunctionStatementSyntax localFunction)
    {
        foreach (var ancestor in localFunction.Ancestors())
        {
            if (ancestor is BlockSyntax or CompilationUnitSyntax)
            {
                return ancestor;
            }
        }

        return null;
    }

    private static IEnumerable<InvocationExpressionSyntax> LocalInvocations(SyntaxNode scope, string name)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && SyntaxTreeIndex.InvokedName(invocation) == name)
            {
                yield return invocation;
            }
        }
    }

    private static bool IsUseEndpointsLambdaParameter(ParameterSyntax parameter) =>
        parameter.Parent is SimpleLambdaExpressionSyntax lambda && IsUseEndpointsLambda(lambda);

    private static bool IsUseEndpointsLambda(LambdaExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
        && SyntaxTreeIndex.InvokedName(invocation) == "UseEndpoints";

    /// <summary>
    /// True when the semantic model (for this tree) says the expression is an application, not a
    /// group: a <c>WebApplication</c>, or any type other than <c>RouteGroupBuilder</c> and the
    /// <c>IEndpointRouteBuilder</c> interface itself.
    /// </summary>
    private static bool IsApplicationRoot(ExpressionSyntax expression, SemanticModel? model)
    {
        if (SameTree(model, expression) is not { } semanticModel)
        {
            return false;
        }

        var type = semanticModel.GetTypeInfo(expression).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (type.Name == "WebApplication")
        {
            return true;
        }

        if (type.Name is "RouteGroupBuilder" or "IEndpointRouteBuilder" || type.TypeKind is TypeKind.Interface or TypeKind.TypeParameter || type.SpecialType == SpecialType.System_Object)
        {
            return false;
        }

        // Another class implementing IEndpointRouteBuilder (a test host, a custom application).
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name == "IEndpointRouteBuilder")
            {
                return true;
            }
        }

        return false;
    }

    // ------------------------------------------------------------------------------------------
    // Syntax helpers.
    // ------------------------------------------------------------------------------------------

    public static SemanticModel? SameTree(SemanticModel? model, SyntaxNode node) =>
        model is not null && model.SyntaxTree == node.SyntaxTree ? model : null;

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asExpression:
                    expression = asExpression.Left;
                    continue;
                default:
                    return expression;
            }
        }
    }

    /// <summary>A string constant: a literal anywhere, or any constant when the semantic model of its tree is at hand.</summary>
    public static string? ConstantString(ExpressionSyntax expression, SemanticModel? model)
    {
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return literal.Token.ValueText;
        }

        if (SameTree(model, expression) is { } semanticModel && semanticModel.GetConstantValue(expression) is { HasValue: true, Value: string value })
        {
            return value;
        }

        return null;
    }

    private static string? FirstStringArgument(InvocationExpressionSyntax call, SemanticModel? model) =>
        call.ArgumentList.Arguments.Count > 0 ? ConstantString(call.ArgumentList.Arguments[0].Expression, model) : null;

    private static string? AssignedName(ExpressionSyntax left) =>
        left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
            _ => null,
        };

    private static string SimpleTypeName(TypeSyntax type) =>
        type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            NullableTypeSyntax nullable => SimpleTypeName(nullable.ElementType),
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => type.ToString(),
        };

    /// <summary>The block (or the top-level statements) a local lives in; the type for a field.</summary>
    private static SyntaxNode? VariableScope(VariableDeclaratorSyntax declarator)
    {
        if (declarator.Parent?.Parent is FieldDeclarationSyntax field)
        {
            return field.Parent as TypeDeclarationSyntax;
        }

        foreach (var ancestor in declarator.Ancestors())
        {
            if (ancestor is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax)
            {
                return ancestor;
            }
        }

        return null;
    }

    private static SyntaxNode? AssignmentScope(AssignmentExpressionSyntax assignment)
    {
        if (assignment.Left is IdentifierNameSyntax identifier && FindDeclaration(identifier) is VariableDeclaratorSyntax declarator)
        {
            return VariableScope(declarator);
        }

        foreach (var ancestor in assignment.Ancestors())
        {
            if (ancestor is TypeDeclarationSyntax type)
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The method whose value <paramref name="value"/> is (returned or expression body), not crossing lambdas.</summary>
    private static MethodDeclarationSyntax? EnclosingMethod(ExpressionSyntax value)
    {
        foreach (var ancestor in value.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return method;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static IEnumerable<ExpressionSyntax> ReturnedExpressions(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            yield return arrow.Expression;
            yield break;
        }

        if (method.Body is null)
        {
            yield break;
        }

        foreach (var node in method.Body.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax { Expression: { } returned })
            {
                yield return returned;
            }
        }
    }

    private static bool IsInStaticClass(MethodDeclarationSyntax method) =>
        method.Parent is ClassDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.StaticKeyword);

    private static bool IsExtension(ParameterListSyntax list) =>
        list.Parameters.Count > 0 && list.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword);

    /// <summary>True when <paramref name="call"/> is written as <c>receiver.M(…)</c> on an extension method.</summary>
    private static bool IsExtensionStyle(InvocationExpressionSyntax call, ParameterListSyntax list, bool inStaticClass)
    {
        if (!IsExtension(list) || call.Expression is not MemberAccessExpressionSyntax access)
        {
            return false;
        }

        // `NoteEndpoints.Map(app)` passes the receiver explicitly.
        if (inStaticClass && access.Expression is IdentifierNameSyntax typeName && list.Parent?.Parent is ClassDeclarationSyntax type
            && typeName.Identifier.ValueText == type.Identifier.ValueText)
        {
            return false;
        }

        return call.ArgumentList.Arguments.Count < list.Parameters.Count;
    }

    /// <summary>Argument count (and receiver) compatible with the parameter list.</summary>
    private static bool IsPlausibleCall(InvocationExpressionSyntax call, ParameterListSyntax list, bool inStaticClass)
    {
        var arguments = call.ArgumentList.Arguments.Count + (IsExtensionStyle(call, list, inStaticClass) ? 1 : 0);
        var required = 0;
        var hasParams = false;
        foreach (var parameter in list.Parameters)
        {
            if (parameter.Modifiers.Any(SyntaxKind.ParamsKeyword))
            {
                hasParams = true;
            }
            else if (parameter.Default is null)
            {
                required++;
            }
        }

        return arguments >= required && (hasParams || arguments <= list.Parameters.Count);
    }

    private static ExpressionSyntax? ArgumentFor(InvocationExpressionSyntax call, ParameterListSyntax list, int parameterIndex, bool inStaticClass)
    {
        if (parameterIndex < 0)
        {
            return null;
        }

        var extensionStyle = IsExtensionStyle(call, list, inStaticClass);
        if (extensionStyle && parameterIndex == 0)
        {
            return ((MemberAccessExpressionSyntax)call.Expression).Expression;
        }

        var parameterName = list.Parameters[parameterIndex].Identifier.ValueText;
        var arguments = call.ArgumentList.Arguments;
        foreach (var argument in arguments)
        {
            if (argument.NameColon?.Name.Identifier.ValueText == parameterName)
            {
                return argument.Expression;
            }
        }

        var position = extensionStyle ? parameterIndex - 1 : parameterIndex;
        return position < arguments.Count && arguments[position].NameColon is null ? arguments[position].Expression : null;
    }

    private static ExpressionSyntax? FieldAssignment(VariableDeclaratorSyntax field)
    {
        if (field.Parent?.Parent?.Parent is not TypeDeclarationSyntax type)
        {
            return null;
        }

        var name = field.Identifier.ValueText;
        foreach (var node in type.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && AssignedName(assignment.Left) == name)
            {
                return assignment.Right;
            }
        }

        return null;
    }

    /// <summary>
    /// The declaration <paramref name="identifier"/> refers to, found by name in the enclosing scopes:
    /// a local's <see cref="VariableDeclaratorSyntax"/>, a <see cref="ParameterSyntax"/>, or a field's declarator.
    /// </summary>
    public static SyntaxNode? FindDeclaration(IdentifierNameSyntax identifier)
    {
        var name = identifier.Identifier.ValueText;
        foreach (var ancestor in identifier.Ancestors())
        {
            switch (ancestor)
            {
                case BlockSyntax block:
                    if (LocalIn(block.Statements, name) is { } local)
                    {
                        return local;
                    }

                    break;
                case SwitchSectionSyntax section:
                    if (LocalIn(section.Statements, name) is { } sectionLocal)
                    {
                        return sectionLocal;
                    }

                    break;
                case CompilationUnitSyntax unit:
                    foreach (var member in unit.Members)
                    {
                        if (member is GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax declaration } && Declarator(declaration.Declaration, name) is { } topLevel)
                        {
                            return topLevel;
                        }
                    }

                    break;
                case SimpleLambdaExpressionSyntax simpleLambda when simpleLambda.Parameter.Identifier.ValueText == name:
                    return simpleLambda.Parameter;
                case ParenthesizedLambdaExpressionSyntax lambda when ParameterIn(lambda.ParameterList, name) is { } lambdaParameter:
                    return lambdaParameter;
                case AnonymousMethodExpressionSyntax { ParameterList: { } anonymousParameters } when ParameterIn(anonymousParameters, name) is { } anonymousParameter:
                    return anonymousParameter;
                case LocalFunctionStatementSyntax localFunction when ParameterIn(localFunction.ParameterList, name) is { } localParameter:
                    return localParameter;
                case BaseMethodDeclarationSyntax method when ParameterIn(method.ParameterList, name) is { } methodParameter:
                    return methodParameter;
                case TypeDeclarationSyntax type:
                    foreach (var member in type.Members)
                    {
                        if (member is FieldDeclarationSyntax field && Declarator(field.Declaration, name) is { } fieldDeclarator)
                        {
                            return fieldDeclarator;
                        }
                    }

                    if (type is RecordDeclarationSyntax { ParameterList: { } primary } && ParameterIn(primary, name) is { } primaryParameter)
                    {
                        return primaryParameter;
                    }

                    return null;
            }
        }

        return null;
    }

    private static VariableDeclaratorSyntax? LocalIn(SyntaxList<StatementSyntax> statements, string name)
    {
        foreach (var statement in statements)
        {
            if (statement is LocalDeclarationStatementSyntax declaration && Declarator(declaration.Declaration, name) is { } declarator)
            {
                return declarator;
            }
        }

        return null;
    }

    private static VariableDeclaratorSyntax? Declarator(VariableDeclarationSyntax declaration, string name)
    {
        foreach (var variable in declaration.Variables)
        {
            if (variable.Identifier.ValueText == name)
            {
                return variable;
            }
        }

        return null;
    }

    private static ParameterSyntax? ParameterIn(ParameterListSyntax list, string name)
    {
        foreach (var parameter in list.Parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return parameter;
            }
        }

        return null;
    }
}
