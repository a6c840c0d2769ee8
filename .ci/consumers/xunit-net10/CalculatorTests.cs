using Moq;
using Xunit;

namespace Consumer.Xunit;

public interface IAudit
{
    void Record(int result);
}

public static class Calculator
{
    public static int Add(int a, int b, IAudit? audit = null)
    {
        audit?.Record(a + b);
        return a + b;
    }
}

public class CalculatorTests
{
    [Fact]
    public void Add_returns_the_sum() => Assert.Equal(4, Calculator.Add(2, 2));

    [Fact]
    public void Add_runs() // GK2001
    {
        Calculator.Add(2, 2);
    }

    [Fact]
    public void Add_is_checked() => Assert.True(true); // GK2004

    [Fact]
    public void Add_is_audited()
    {
        var audit = new Mock<IAudit>();
        Calculator.Add(2, 2, audit.Object);
        audit.Verify(a => a.Record(It.IsAny<int>())); // GK2003 (Info: in SARIF as a note, not in the build output)
    }
}
