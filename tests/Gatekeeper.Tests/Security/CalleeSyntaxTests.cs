using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Security.Ownership;
using Gatekeeper.Tests.Verifiers;
using Gatekeeper.Tests.Web;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gatekeeper.Tests.Security;

/// <summary>
/// GK1001 rules out from syntax the callees that add nothing to an endpoint's flow before binding them
/// (<see cref="CalleeSyntax"/>). Whatever it rules out, every summary must be the one that binding every callee
/// gives: a callee wrongly ruled out hides an ownership check (a false report) or a deletion (a missed one).
/// The corpus is a layered API written the ways services reach the user: by name, through the principal, through a
/// member of their own type with a neutral name, through a primary-constructor service, one call further down.
/// </summary>
public class CalleeSyntaxTests
{
    private const string Api = /* lang=c#-test */ """
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Http;
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Api;

        public class Order
        {
            public int Id { get; set; }
            public string OwnerId { get; set; } = "";
            public string Title { get; set; } = "";
            public void Apply(OrderRequest request) { Title = request.Title; }
            public void Archive() { Title = "[archived] " + Title; }
            public void Stamp() { }
            public List<string> Tags { get; set; } = new();
        }

        public class OrderRequest { public string Title { get; set; } = ""; }
        public class OrderResponse { public int Id { get; set; } public string Title { get; set; } = ""; }
        public class AppDb : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        public interface ICurrentUser { string Id { get; } }

        public interface IOrderRepository
        {
            Task<Order?> FindAsync(int id);
            Task<List<Order>> ListAsync();
            Task DeleteAsync(int id);
            Task UpdateAsync(Order order);
        }

        public sealed class OrderRepository(AppDb db) : IOrderRepository
        {
            public Task<Order?> FindAsync(int id) => db.Orders.FirstOrDefaultAsync(o => o.Id == id);
            public Task<List<Order>> ListAsync() => (from o in db.Orders orderby o.Id select o).ToListAsync();

            public async Task DeleteAsync(int id)
            {
                var order = await db.Orders.FindAsync(id);
                if (order is null) return;
                db.Orders.Remove(order);
                await db.SaveChangesAsync();
            }

            public async Task UpdateAsync(Order order)
            {
                db.Entry(order).State = EntityState.Modified;
                await db.SaveChangesAsync();
            }
        }

        public static class OrderMappings
        {
            public static OrderResponse ToResponse(this Order order) => new() { Id = order.Id, Title = order.Title };
            public static List<string> Labels(this Order order) => new() { order.Title, "order" };
        }

        public interface IOrderMapper { void Map(OrderRequest request, Order order); }

        // Saves: a save is a mutation only beside a change of a loaded order in the same body.
        public sealed class OrderStore(AppDb db, IOrderMapper mapper)
        {
            public async Task AddAsync(Order order)
            {
                db.Orders.Add(order);
                await db.SaveChangesAsync();
            }

            public async Task RenameAsync(int id, string title)
            {
                var order = await db.Orders.FindAsync(id);
                if (order is null) return;
                order.Title = title;
                await db.SaveChangesAsync();
            }

            public async Task RetagAsync(int id, string tag)
            {
                var order = await db.Orders.FindAsync(id);
                order!.Tags[0] = tag;
                await db.SaveChangesAsync();
            }

            public async Task StampLoadedAsync(int id)
            {
                var order = await db.Orders.FindAsync(id);
                ((Order)order!).Stamp();
                await db.SaveChangesAsync();
            }

            public async Task PatchAsync(int id, OrderRequest request)
            {
                var order = await db.Orders.FindAsync(id);
                mapper.Map(request, order!);
                await db.SaveChangesAsync();
            }

            // A call on a parameter, not on a loaded order.
            public async Task StampAsync(Order order)
            {
                order.Stamp();
                await db.SaveChangesAsync();
            }
        }

        public sealed class OrderValidator
        {
            public List<string> Validate(OrderRequest request)
            {
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(request.Title)) errors.Add("Title is required.");
                return errors;
            }
        }

        public sealed class OrderGuard(IHttpContextAccessor accessor)
        {
            public bool Owns(Order order) => order.OwnerId == accessor.HttpContext!.User.FindFirstValue(ClaimTypes.NameIdentifier);
            public bool Matches(Order order, string value) => order.OwnerId == value;
        }

        // The user through members of the callee's own type whose names say nothing of it.
        public sealed class CallerScopedOrders(AppDb db, ICurrentUser me)
        {
            public Task<Order?> FindMineAsync(int id) => db.Orders.FirstOrDefaultAsync(o => o.Id == id && o.OwnerId == me.Id);
        }

        public sealed class PrincipalScopedOrders
        {
            private readonly AppDb _db;
            private readonly ClaimsPrincipal _caller;

            public PrincipalScopedOrders(AppDb db, ClaimsPrincipal caller)
            {
                _db = db;
                _caller = caller;
            }

            public async Task<bool> CanTouchAsync(int id)
            {
                var order = await _db.Orders.FindAsync(id);
                return order is not null && order.OwnerId == _caller.FindFirst("sub")!.Value;
            }
        }

        // One call further down: only the callee of the callee reaches the user.
        public sealed class OrderFacade(CallerScopedOrders orders)
        {
            public Task<Order?> LoadAsync(int id) => orders.FindMineAsync(id);
        }

        // Query syntax calls the operators the compiler finds for its source: here a Where of the compilation that
        // scopes the orders to the caller, which no name in the query's body says.
        public sealed class MyOrders(IQueryable<Order> orders, ICurrentUser me)
        {
            public MyOrders Where(System.Func<Order, bool> predicate) => new(orders.Where(o => o.OwnerId == me.Id).Where(predicate).AsQueryable(), me);
            public List<Order> ToList() => orders.ToList();
        }

        public sealed class QueryScopedService(MyOrders mine)
        {
            public List<Order> Find(int id) => (from o in mine where o.Id == id select o).ToList();
        }

        public sealed class OrderService(IOrderRepository repository, OrderValidator validator, OrderGuard guard, IAuthorizationService authorization, ClaimsPrincipal principal)
        {
            public Task<Order?> GetAsync(int id) => repository.FindAsync(id);
            public Task<List<Order>> ListAsync() => repository.ListAsync();

            public async Task UpdateAsync(int id, OrderRequest request)
            {
                var errors = validator.Validate(request);
                var order = await repository.FindAsync(id);
                if (order is null || errors.Count > 0) return;
                order.Apply(request);
                await repository.UpdateAsync(order);
            }

            public Task DeleteAsync(int id) => repository.DeleteAsync(id);

            public async Task DeleteCheckedAsync(int id)
            {
                var order = await repository.FindAsync(id);
                if (order is null || !guard.Owns(order)) return;
                await repository.DeleteAsync(id);
            }

            public async Task<bool> AllowedAsync(Order order) => (await authorization.AuthorizeAsync(principal, order, "Owner")).Succeeded;
            public List<string> Describe(Order order) => order.Labels();
            public OrderResponse Show(Order order) => order.ToResponse();
        }
        """;

    [Fact]
    public void Every_summary_is_the_one_binding_every_callee_gives()
    {
        var harness = EndpointModelHarness.CompileWithPackages([ReferenceSet.EntityFrameworkCore], Api);
        Assert.Empty(harness.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var gated = new OwnershipFacts(harness.Compilation, harness.Model);
        var bound = new OwnershipFacts(harness.Compilation, harness.Model, bindEveryCallee: true);
        var gatedSettings = OwnershipSettings.CreateDefault();
        var boundSettings = OwnershipSettings.CreateDefault();

        var contributing = 0;
        foreach (var method in Methods(harness))
        {
            for (var depth = 0; depth <= OwnershipFacts.MaxDepth; depth++)
            {
                var expected = Describe(bound.Summarize(method, boundSettings, depth, CancellationToken.None));
                Assert.Equal((method.ToDisplayString(), depth, expected), (method.ToDisplayString(), depth, Describe(gated.Summarize(method, gatedSettings, depth, CancellationToken.None))));
                contributing += expected == "nothing" ? 0 : 1;
            }
        }

        // The corpus has both kinds: summaries with evidence or a mutation, and methods that add nothing.
        Assert.True(contributing > 10, $"{contributing} contributing summaries");
    }

    [Theory]
    [InlineData("OrderRepository.FindAsync", 0)]
    [InlineData("OrderRepository.ListAsync", 0)]
    [InlineData("OrderMappings.ToResponse", 0)]
    [InlineData("OrderMappings.Labels", 0)]
    [InlineData("OrderValidator.Validate", 0)]
    [InlineData("Order.Apply", 0)]
    [InlineData("OrderGuard.Matches", 0)]
    [InlineData("OrderService.GetAsync", 1)]
    [InlineData("OrderService.Describe", 1)]
    [InlineData("OrderService.Show", 1)]
    [InlineData("OrderStore.AddAsync", 0)]
    [InlineData("OrderStore.AddAsync", 1)]
    [InlineData("OrderStore.StampAsync", 0)]
    [InlineData("QueryScopedService.Find", 0)]
    public void Callees_that_add_nothing_are_not_bound(string method, int depth) =>
        Assert.False(MayContribute(method, depth));

    [Theory]
    [InlineData("OrderRepository.DeleteAsync", 0)]
    [InlineData("OrderRepository.UpdateAsync", 0)]
    [InlineData("OrderGuard.Owns", 0)]
    [InlineData("CallerScopedOrders.FindMineAsync", 0)]
    [InlineData("PrincipalScopedOrders.CanTouchAsync", 0)]
    [InlineData("OrderFacade.LoadAsync", 1)]
    [InlineData("OrderService.UpdateAsync", 1)]
    [InlineData("OrderService.DeleteAsync", 1)]
    [InlineData("OrderService.AllowedAsync", 0)]
    [InlineData("OrderStore.RenameAsync", 0)]
    [InlineData("OrderStore.RetagAsync", 0)]
    [InlineData("OrderStore.StampLoadedAsync", 0)]
    [InlineData("OrderStore.PatchAsync", 0)]
    [InlineData("QueryScopedService.Find", 1)]
    public void Callees_that_may_add_evidence_or_a_mutation_are_bound(string method, int depth) =>
        Assert.True(MayContribute(method, depth));

    /// <summary>
    /// The gate remembers, per called name, whether some method of that name may contribute: the answer depends on how
    /// many calls are still followed below it, so a name ruled out one depth must still be followed at a deeper one.
    /// </summary>
    [Fact]
    public void A_name_ruled_out_at_one_depth_is_still_followed_at_a_deeper_one()
    {
        const string chain = /* lang=c#-test */ """
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Api;

            public class Order { public int Id { get; set; } public string OwnerId { get; set; } = ""; }
            public class AppDb : DbContext { public DbSet<Order> Orders => Set<Order>(); }
            public class Leaf { public void Go(AppDb db, Order order) => db.Orders.Remove(order); }
            public class Mid(Leaf leaf) { public void Run(AppDb db, Order order) => leaf.Go(db, order); }
            public class Top(Mid mid) { public void Start(AppDb db, Order order) => mid.Run(db, order); }
            """;
        var harness = EndpointModelHarness.CompileWithPackages([ReferenceSet.EntityFrameworkCore], chain);
        Assert.Empty(harness.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var gate = new OwnershipFacts(harness.Compilation, harness.Model).CalleeSyntaxFor(OwnershipSettings.CreateDefault());
        var start = Declaration(harness, "Top.Start");

        // One call followed below Start reaches Run, which adds nothing without following Go; two calls reach the removal.
        Assert.False(gate.MayContribute(start, 1, CancellationToken.None));
        Assert.True(gate.MayContribute(start, 2, CancellationToken.None));
    }

    private static bool MayContribute(string qualifiedName, int depth)
    {
        var harness = EndpointModelHarness.CompileWithPackages([ReferenceSet.EntityFrameworkCore], Api);
        var facts = new OwnershipFacts(harness.Compilation, harness.Model);
        return facts.CalleeSyntaxFor(OwnershipSettings.CreateDefault()).MayContribute(Declaration(harness, qualifiedName), depth, CancellationToken.None);
    }

    private static MethodDeclarationSyntax Declaration(EndpointModelHarness harness, string qualifiedName)
    {
        var parts = qualifiedName.Split('.');
        return harness.Compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Single(m => m.Identifier.ValueText == parts[1] && ((TypeDeclarationSyntax)m.Parent!).Identifier.ValueText == parts[0]);
    }

    private static IEnumerable<IMethodSymbol> Methods(EndpointModelHarness harness)
    {
        foreach (var tree in harness.Compilation.SyntaxTrees)
        {
            var model = harness.Compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is IMethodSymbol method)
                {
                    yield return method;
                }
            }
        }
    }

    private static string Describe(MethodSummary summary) =>
        summary.HasEvidence || summary.Mutation is not null
            ? $"evidence: {summary.HasEvidence}; mutation: {summary.Mutation?.Shape} {summary.Mutation?.IsDelete} {summary.Mutation?.Entity?.Name}"
            : "nothing";
}
