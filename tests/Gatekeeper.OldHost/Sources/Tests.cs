// The test project the old host analyzes (C# 11). Every testing rule must fire here at least once.
using System.Net.Http;
using Moq;
using OldHost.Api;
using Xunit;

namespace OldHost.Tests;

public class NoteTests
{
    private readonly Mock<INoteStore> _store = new();

    [Fact]
    public void Saves_the_note() // GK2001
    {
        _store.Object.Save("title");
    }

    [Fact]
    public void Asserts_a_constant() => Assert.True(true); // GK2004

    [Fact]
    public void Verifies_any_argument()
    {
        _store.Object.Save("title");
        _store.Verify(s => s.Save(It.IsAny<string>())); // GK2003
    }

    [Fact]
    public async System.Threading.Tasks.Task Calls_the_real_service()
    {
        using var client = new HttpClient(); // GK2002
        var response = await client.GetAsync("https://example.com/");
        Assert.NotNull(response);
    }

    [Fact]
    public void Checks_the_result() => Assert.Equal(4, Add(2, 2));

    private static int Add(int a, int b) => a + b;
}
