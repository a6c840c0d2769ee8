using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Consumer.MSTest;

[TestClass]
public class InvoiceTests
{
    [TestMethod]
    public void Sums_the_lines() => Assert.AreEqual(3, Sum(1, 2));

    [TestMethod]
    public void Creates_an_invoice() // no assertion, but GK2001 is off in .editorconfig
    {
        _ = Sum(1, 2);
    }

    [TestMethod]
    public void Is_valid() => Assert.IsNotNull(Sum(1, 2)); // GK2004

    private static int Sum(int a, int b) => a + b;
}
