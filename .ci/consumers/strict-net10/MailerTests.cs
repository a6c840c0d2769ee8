using Moq;
using Xunit;

namespace Consumer.Strict;

public interface IMailer
{
    void Send(string to);
}

public class MailerTests
{
    [Fact]
    public void Sends_a_welcome_mail() // GK2001
    {
        new Mock<IMailer>().Object.Send("ann@example.com");
    }

    [Fact]
    public void Sends_to_anyone()
    {
        var mailer = new Mock<IMailer>();
        mailer.Object.Send("ann@example.com");
        mailer.Verify(m => m.Send(It.IsAny<string>())); // GK2003
    }
}
