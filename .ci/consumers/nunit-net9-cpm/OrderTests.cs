using NUnit.Framework;

namespace Consumer.NUnit;

public class OrderTests
{
    [Test]
    public void Total_is_the_sum() => Assert.That(2 + Tax(), Is.EqualTo(3));

    [Test]
    public void Places_an_order() // GK2001
    {
        _ = Tax();
    }

    [Test]
    public async Task Fetches_the_price()
    {
        using var client = new HttpClient(); // GK2002
        var price = await client.GetStringAsync("https://prices.example.com/");
        Assert.That(price, Is.Not.Empty);
    }

    private static int Tax() => 1;
}
