using System.Globalization;

namespace Gatekeeper.Benchmarks.Generation;

/// <summary>
/// One large xUnit test class (~2,000 lines) of end-to-end workflows through a controller, its service
/// and a Moq repository, with both xUnit asserts and FluentAssertions, helpers, theories and a few tests
/// that assert nothing: the document of the IDE latency measurement.
/// </summary>
internal sealed class LargeTestFile
{
    private const string Api = SolutionGenerator.ApiNamespace;
    private const string Ns = SolutionGenerator.TestNamespace;
    private readonly ResourceSpec _r;

    public LargeTestFile(ResourceSpec resource) => _r = resource;

    public string Generate(int targetLines)
    {
        var r = _r;
        var w = new CodeWriter()
            .Line("using FluentAssertions;")
            .Line("using Microsoft.AspNetCore.Mvc;")
            .Line("using Microsoft.Extensions.Logging.Abstractions;")
            .Line("using Moq;")
            .Line("using Xunit;")
            .Line($"using {Api}.Common;")
            .Line($"using {Api}.Contracts;")
            .Line($"using {Api}.Controllers;")
            .Line($"using {Api}.Data;")
            .Line($"using {Api}.Domain;")
            .Line($"using {Api}.Services;")
            .Line($"using {Api}.Validation;")
            .Line($"using {Ns}.Builders;")
            .Line($"using {Ns}.TestSupport;")
            .Line()
            .Line($"namespace {Ns}.Workflows;")
            .Line()
            .Line($"/// <summary>Workflows of {r.Plural.ToLowerInvariant()} through the controller, the service and an in-memory repository double.</summary>")
            .Open($"public sealed class {r.Name}WorkflowTests : XunitTestBase")
            .Line($"private readonly Mock<I{r.Name}Repository> _repository = new();")
            .Line("private readonly Mock<ICurrentUser> _user = new();")
            .Line($"private readonly List<{r.Name}> _store = new();")
            .Line($"private readonly {r.Name}Service _service;")
            .Line($"private readonly {r.Plural}Controller _controller;")
            .Line()
            .Open($"public {r.Name}WorkflowTests()")
            .Line($"_service = new {r.Name}Service(_repository.Object, new {r.Name}Validator(), Clock, NullLogger<{r.Name}Service>.Instance);")
            .Line($"_controller = new {r.Plural}Controller(_service, _user.Object);")
            .Line("_user.Setup(x => x.Id).Returns(OwnerId);")
            .Line($"_repository.Setup(x => x.AddAsync(It.IsAny<{r.Name}>(), It.IsAny<CancellationToken>()))")
            .Line($"    .Callback<{r.Name}, CancellationToken>((item, _) =>")
            .Line("    {")
            .Line("        item.Id = _store.Count + 1;")
            .Line("        _store.Add(item);")
            .Line("    })")
            .Line("    .Returns(Task.CompletedTask);")
            .Line("_repository.Setup(x => x.FindAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))")
            .Line("    .ReturnsAsync((int id, CancellationToken _) => _store.FirstOrDefault(x => x.Id == id));")
            .Line($"_repository.Setup(x => x.ListAsync(It.IsAny<{r.Name}Query>(), It.IsAny<CancellationToken>()))")
            .Line($"    .ReturnsAsync(({r.Name}Query query, CancellationToken _) => (IReadOnlyList<{r.Name}>)_store.Where(x => query.Status is null || x.Status == query.Status).ToList());")
            .Line("_repository.Setup(x => x.DeleteAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))")
            .Line("    .ReturnsAsync((int id, CancellationToken _) => _store.RemoveAll(x => x.Id == id) > 0);")
            .Close()
            .Line();

        var helpers = Helpers();
        var helperLines = helpers.Split('\n').Length;
        var k = 0;
        while (CountLines(w) + helperLines < targetLines)
        {
            k++;
            WriteTest(w, k);
            w.Line();
        }

        foreach (var line in helpers.Split('\n'))
        {
            w.Line(line.Length == 0 ? "" : line);
        }

        return w.Close().ToString();
    }

    private static int CountLines(CodeWriter w)
    {
        var text = w.ToString();
        var lines = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return lines;
    }

    private void WriteTest(CodeWriter w, int k)
    {
        var r = _r;
        var id = k.ToString("000", CultureInfo.InvariantCulture);
        var quantity = k % 5 + 1;
        var amount = (k % 7 + 1) * 2.5m;
        var amountText = amount.ToString("0.0", CultureInfo.InvariantCulture) + "m";

        // Every twentieth test asserts nothing.
        if (k % 20 == 0)
        {
            w.Line("[Fact]")
                .Open($"public async Task Get_IsCallable_Case{id}()")
                .Line($"await CreateAsync(\"Unchecked {id}\", {quantity});")
                .Line()
                .Line($"await _controller.Get({k}, None);")
                .Close();
            return;
        }

        switch (k % 9)
        {
            case 0:
                w.Line("[Fact]")
                    .Open($"public async Task CreateThenGet_ReturnsTheSame{r.Name}_Case{id}()")
                    .Line($"var request = new {r.Name}Builder().WithName(\"Item {id}\").WithQuantity({quantity}).WithAmount({amountText}).BuildCreateRequest();")
                    .Line()
                    .Line("var created = await _controller.Create(request, None);")
                    .Line("var createdAt = created.Result.Should().BeOfType<CreatedAtActionResult>().Subject;")
                    .Line($"var response = createdAt.Value.Should().BeOfType<{r.Name}Response>().Subject;")
                    .Line("var fetched = await _controller.Get(response.Id, None);")
                    .Line()
                    .Line("fetched.Value.Should().NotBeNull();")
                    .Line($"fetched.Value!.Name.Should().Be(\"Item {id}\");")
                    .Line($"fetched.Value.Quantity.Should().Be({quantity});")
                    .Line($"fetched.Value.Amount.Should().Be({amountText});")
                    .Line($"fetched.Value.Status.Should().Be({r.Name}Status.Draft);")
                    .Close();
                break;
            case 1:
                w.Line("[Fact]")
                    .Open($"public async Task Create_RejectsAnEmptyName_Case{id}()")
                    .Line($"var request = new {r.Name}Builder().WithName(\"\").WithQuantity({quantity}).BuildCreateRequest();")
                    .Line()
                    .Line("var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _controller.Create(request, None));")
                    .Line()
                    .Line("Assert.Contains(\"Name is required.\", error.Errors);")
                    .Line("Assert.Empty(_store);")
                    .Line($"_repository.Verify(x => x.AddAsync(It.IsAny<{r.Name}>(), It.IsAny<CancellationToken>()), Times.Never());")
                    .Close();
                break;
            case 2:
                w.Line("[Fact]")
                    .Open($"public async Task Update_ChangesTheStoredValues_Case{id}()")
                    .Line($"var id = await CreateAsync(\"Before {id}\", {quantity});")
                    .Line($"var update = new {r.Name}Builder().WithName(\"After {id}\").WithQuantity({quantity + 1}).WithStatus({r.Name}Status.Active).BuildUpdateRequest();")
                    .Line()
                    .Line("var result = await _controller.Update(id, update, None);")
                    .Line()
                    .Line("var ok = Assert.IsType<OkObjectResult>(result.Result);")
                    .Line($"var response = Assert.IsType<{r.Name}Response>(ok.Value);")
                    .Line($"Assert.Equal(\"After {id}\", response.Name);")
                    .Line($"Assert.Equal({quantity + 1}, response.Quantity);")
                    .Line($"Assert.Equal({r.Name}Status.Active, response.Status);")
                    .Line("Assert.Equal(Now, _store.Single().UpdatedAt);")
                    .Close();
                break;
            case 3:
                w.Line("[Fact]")
                    .Open($"public async Task Delete_RemovesThe{r.Name}_Case{id}()")
                    .Line($"var id = await CreateAsync(\"Doomed {id}\", {quantity});")
                    .Line()
                    .Line("var result = await _controller.Delete(id, None);")
                    .Line("var again = await _controller.Get(id, None);")
                    .Line()
                    .Line("Assert.IsType<NoContentResult>(result);")
                    .Line("AssertNotFound(again.Result);")
                    .Line("_store.Should().BeEmpty();")
                    .Close();
                break;
            case 4:
                w.Line("[Theory]")
                    .Line($"[InlineData({quantity}, 0.0)]")
                    .Line($"[InlineData({quantity}, 0.2)]")
                    .Line($"[InlineData({quantity + 2}, 0.1)]")
                    .Open($"public async Task Total_IncludesTheTaxRate_Case{id}(int quantity, double taxRate)")
                    .Line($"var id = await CreateAsync(\"Taxed {id}\", quantity);")
                    .Line($"var expected = Math.Round({amountText} * quantity * (1 + (decimal)taxRate), 2, MidpointRounding.AwayFromZero);")
                    .Line()
                    .Line("var result = await _controller.Total(id, (decimal)taxRate, None);")
                    .Line()
                    .Line("var ok = result.Result.Should().BeOfType<OkObjectResult>().Subject;")
                    .Line("ok.Value.Should().Be(expected);")
                    .Close();
                break;
            case 5:
                w.Line("[Fact]")
                    .Open($"public async Task List_ReturnsEveryStored{r.Name}_Case{id}()")
                    .Line($"await CreateAsync(\"First {id}\", 1);")
                    .Line($"await CreateAsync(\"Second {id}\", 2);")
                    .Line($"await CreateAsync(\"Third {id}\", 3);")
                    .Line()
                    .Line($"var result = await _controller.List(new {r.Name}Query(), None);")
                    .Line()
                    .Line("var ok = Assert.IsType<OkObjectResult>(result.Result);")
                    .Line($"var items = Assert.IsAssignableFrom<IEnumerable<{r.Name}Summary>>(ok.Value);")
                    .Line("Assert.Equal(3, items.Count());")
                    .Line($"Assert.Contains(items, x => x.Name == \"Second {id}\");")
                    .Close();
                break;
            case 6:
                w.Line("[Fact]")
                    .Open($"public async Task Create_StoresWhatWasSent_Case{id}()")
                    .Line($"var request = new {r.Name}Builder().WithName(\"Stored {id}\").WithQuantity({quantity}).WithAmount({amountText}).BuildCreateRequest();")
                    .Line()
                    .Line("await _controller.Create(request, None);")
                    .Line()
                    .Line("AssertStoredMatches(request);")
                    .Close();
                break;
            case 7:
                w.Line("[Fact]")
                    .Open($"public async Task Update_RefusesArchived{r.Plural}_Case{id}()")
                    .Line($"var id = await CreateAsync(\"Archived {id}\", {quantity});")
                    .Line("_store.Single().Archive(Now);")
                    .Line()
                    .Line($"var result = await _controller.Update(id, new {r.Name}Builder().BuildUpdateRequest(), None);")
                    .Line()
                    .Line("AssertNotFound(result.Result);")
                    .Line($"_store.Single().Status.Should().Be({r.Name}Status.Archived);")
                    .Close();
                break;
            default:
                w.Line("[Fact]")
                    .Open($"public async Task Create_CallsTheRepositoryOnce_Case{id}()")
                    .Line($"var request = new {r.Name}Builder().WithName(\"Once {id}\").BuildCreateRequest();")
                    .Line()
                    .Line("await _controller.Create(request, None);")
                    .Line()
                    .Line($"_repository.Verify(x => x.AddAsync(It.Is<{r.Name}>(item => item.Name == \"Once {id}\"), It.IsAny<CancellationToken>()), Times.Once());")
                    .Line("_user.Verify(x => x.Id, Times.Once());")
                    .Close();
                break;
        }
    }

    private string Helpers()
    {
        var r = _r;
        return new CodeWriter()
            .Open("private async Task<int> CreateAsync(string name, int quantity)")
            .Line($"var request = new {r.Name}Builder().WithName(name).WithQuantity(quantity).WithAmount(2.5m).BuildCreateRequest();")
            .Line("var created = await _service.CreateAsync(request, OwnerId, None);")
            .Line("return created.Id;")
            .Close()
            .Line()
            .Open($"private void AssertStoredMatches(Create{r.Name}Request request)")
            .Line("var stored = _store.Should().ContainSingle().Subject;")
            .Line("stored.Name.Should().Be(request.Name.Trim());")
            .Line("stored.Quantity.Should().Be(request.Quantity);")
            .Line("stored.Amount.Should().Be(request.Amount);")
            .Line("stored.OwnerId.Should().Be(OwnerId);")
            .Line("AssertRecent(stored.CreatedAt);")
            .Close()
            .ToString()
            .TrimEnd('\n');
    }
}
