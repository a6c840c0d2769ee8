using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Gatekeeper.Analyzers.Rules;
using Gatekeeper.CodeFixes.Rules;
using Gatekeeper.Tests.Verifiers;
using Microsoft.AspNetCore.Builder;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Gatekeeper.Tests.EndToEnd;

/// <summary>
/// Proof that the GK1001 guard guards (issue 3, item 6): a small Minimal API with an in-memory note
/// store and a test authentication scheme (the caller's id comes from the <c>X-User</c> header) is
/// compiled with Roslyn before and after applying the GK1001 fix, loaded into a collectible
/// AssemblyLoadContext and run on Kestrel at 127.0.0.1 on a free port. Before the fix, user B
/// deletes user A's note (2xx); after it, B gets 403 and A can still delete the note.
/// </summary>
public class GK1001_GuardProofTests
{
    private const string ApiSource = /* lang=c#-test */ """
        using System.Collections.Concurrent;
        using System.Security.Claims;
        using System.Text.Encodings.Web;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        namespace GuardProof;

        public class Note
        {
            public int Id { get; set; }
            public string OwnerId { get; set; } = "";
            public string Title { get; set; } = "";
        }

        public class NoteStore
        {
            private readonly ConcurrentDictionary<int, Note> _notes = new();
            public void Add(Note note) => _notes[note.Id] = note;
            public Note? Find(int id) => _notes.TryGetValue(id, out var note) ? note : null;
            public void Remove(Note note) => _notes.TryRemove(note.Id, out _);
        }

        public sealed class HeaderAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
        {
            public HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : base(options, logger, encoder)
            {
            }

            protected override Task<AuthenticateResult> HandleAuthenticateAsync()
            {
                var user = Request.Headers["X-User"].ToString();
                if (string.IsNullOrEmpty(user))
                {
                    return Task.FromResult(AuthenticateResult.NoResult());
                }

                var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.NameIdentifier, user) }, "Header");
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), "Header")));
            }
        }

        public static class Api
        {
            public static WebApplication Build()
            {
                var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "GuardProof" });
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddAuthentication("Header").AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>("Header", null);
                builder.Services.AddAuthorization();
                builder.Services.AddSingleton<NoteStore>();
                var app = builder.Build();
                app.UseAuthentication();
                app.UseAuthorization();

                var store = app.Services.GetRequiredService<NoteStore>();
                store.Add(new Note { Id = 1, OwnerId = "alice", Title = "Alice's note" });

                app.MapDelete("/notes/{id}", (int id, NoteStore notes) =>
                {
                    var note = notes.Find(id);
                    if (note is null) return Results.NotFound();
                    notes.Remove(note);
                    return Results.NoContent();
                }).RequireAuthorization();

                return app;
            }
        }
        """;

    [Fact]
    public async Task Before_the_fix_anyone_deletes_after_it_only_the_owner()
    {
        var (vulnerable, fixedSource) = await FixAsync(ApiSource);
        Assert.Contains("Results.Forbid()", fixedSource);
        Assert.Contains("ClaimsPrincipal user", fixedSource);
        Assert.DoesNotContain("Results.Forbid()", vulnerable);

        // Before: Bob deletes Alice's note.
        await using (var api = await RunningApi.StartAsync(vulnerable))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await api.DeleteAsync("/notes/1", user: null));
            Assert.Equal(HttpStatusCode.NoContent, await api.DeleteAsync("/notes/1", user: "bob"));
            Assert.Equal(HttpStatusCode.NotFound, await api.DeleteAsync("/notes/1", user: "alice"));
        }

        // After: Bob is forbidden, Alice still deletes her note.
        await using (var api = await RunningApi.StartAsync(fixedSource))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await api.DeleteAsync("/notes/1", user: "bob"));
            Assert.Equal(HttpStatusCode.NoContent, await api.DeleteAsync("/notes/1", user: "alice"));
            Assert.Equal(HttpStatusCode.NotFound, await api.DeleteAsync("/notes/1", user: "alice"));
        }
    }

    /// <summary>Runs GK1001 on the source, applies its fix, and checks that GK1001 is gone afterwards.</summary>
    private static async Task<(string Before, string After)> FixAsync(string source)
    {
        using var workspace = new AdhocWorkspace();
        var project = TestWorkspace.CreateProject(
            workspace,
            [TestSource.Parse("Api.cs", source)],
            string.Empty,
            ReferenceSet.Combine([ReferenceSet.AspNetCore]),
            LanguageVersion.Latest,
            OutputKind.DynamicallyLinkedLibrary);
        var analyzer = new OwnershipCheckMissingAnalyzer();
        var diagnostics = await TestWorkspace.GetAnalyzerDiagnosticsAsync(project, analyzer);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "GK1001");

        var document = project.Documents.Single();
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new OwnershipCheckMissingFixer().RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var fixedProject = solution.GetProject(project.Id)!;

        Assert.Empty(await TestWorkspace.GetAnalyzerDiagnosticsAsync(fixedProject, analyzer));
        var fixedText = (await fixedProject.Documents.Single().GetTextAsync()).ToString();
        return (source, fixedText);
    }

    private sealed class RunningApi : IAsyncDisposable
    {
        private readonly AssemblyLoadContext _context;
        private readonly WebApplication _app;
        private readonly HttpClient _client;

        private RunningApi(AssemblyLoadContext context, WebApplication app, HttpClient client)
        {
            _context = context;
            _app = app;
            _client = client;
        }

        public static async Task<RunningApi> StartAsync(string source)
        {
            var compilation = CSharpCompilation.Create(
                "GuardProof" + Guid.NewGuid().ToString("N"),
                [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
                ReferenceSet.Combine([ReferenceSet.AspNetCore]),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            image.Position = 0;

            // ASP.NET Core itself resolves from the default context (this test project references the shared framework).
            var context = new AssemblyLoadContext("GuardProof", isCollectible: true);
            var assembly = context.LoadFromStream(image);
            var build = assembly.GetType("GuardProof.Api")!.GetMethod("Build", BindingFlags.Public | BindingFlags.Static)!;
            var app = (WebApplication)build.Invoke(null, null)!;
            await app.StartAsync();
            var address = app.Urls.Single(url => !url.EndsWith(":0", StringComparison.Ordinal));
            return new RunningApi(context, app, new HttpClient { BaseAddress = new Uri(address) });
        }

        public async Task<HttpStatusCode> DeleteAsync(string path, string? user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, path);
            if (user is not null)
            {
                request.Headers.Add("X-User", user);
            }

            using var response = await _client.SendAsync(request);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _context.Unload();
        }
    }
}
