using System.Security.Cryptography;
using System.Text;
using Commentary.Api.Partners.Webhooks;

namespace Commentary.Api.Tests.Partners.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void StandardWebhooksVector_MatchesTheSpecification()
    {
        // The example of the Standard Webhooks reference libraries.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string body = """{"test": 2432232314}""";

        var signature = WebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes(body));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void FixedInputs_MatchAnIndependentHmac()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var secret = "whsec_" + Convert.ToBase64String(key);
        var body = Encoding.UTF8.GetBytes("""{"type":"published","slug":"新聞-𠀀"}""");
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes("01890000-0000-7000-8000-000000000001.1700000000."), .. body]));

        Assert.Equal(expected, WebhookSignature.Sign(secret, "01890000-0000-7000-8000-000000000001", 1700000000, body));
    }

    [Fact]
    public void PlainSecret_IsUsedAsUtf8Bytes()
    {
        const string secret = "a-plain-secret-of-enough-length";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("id.1.{}")));
        Assert.Equal(expected, WebhookSignature.Sign(secret, "id", 1, "{}"u8));
    }

    [Fact]
    public void NewSecret_IsWhsecWith32RandomBytes()
    {
        var secret = WebhookSignature.NewSecret();
        Assert.True(WebhookSignature.TryDecode(secret, out var key));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }
}
