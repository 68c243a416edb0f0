using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace OrleansShop.Tests.Silo.Providers.Smtp;

/// <summary>
/// An SMTP server on loopback (RFC 5321, no TLS): it takes EHLO, AUTH PLAIN and LOGIN, MAIL, RCPT,
/// DATA and QUIT, keeps every message it accepted with its envelope and login, and answers RCPT
/// with whatever a test arranges (a 4xx or 5xx refusal, say).
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Task _accepting;

    private FakeSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static FakeSmtpServer Start() => new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What RCPT TO is answered with; <c>250 OK</c> unless a test says otherwise.</summary>
    public string RcptReply { get; set; } = "250 OK";

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false), leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 fake.smtp ESMTP");
            string? login = null, from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteAsync("250-fake.smtp\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                        break;
                    case "AUTH":
                        login = await AuthenticateAsync(line, reader, writer);
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var reply = RcptReply;
                        if (reply.StartsWith('2'))
                        {
                            recipients.Add(Address(line));
                        }

                        await writer.WriteLineAsync(reply);
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stopping.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString())));
                        _received.Enqueue(new ReceivedMail(login, from!, [.. recipients], message));
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK"); // RSET, NOOP
                        break;
                }
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>AUTH PLAIN (with or without the initial response) or LOGIN; answers <c>user:password</c>.</summary>
    private static async Task<string> AuthenticateAsync(string line, StreamReader reader, StreamWriter writer)
    {
        var parts = line.Split(' ');
        static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        if (parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            if (parts.Length < 3)
            {
                await writer.WriteLineAsync("334 ");
                parts = [.. parts, (await reader.ReadLineAsync())!];
            }

            var fields = Decode(parts[2]).Split('\0');
            return $"{fields[1]}:{fields[2]}";
        }

        await writer.WriteLineAsync("334 VXNlcm5hbWU6");
        var user = Decode((await reader.ReadLineAsync())!);
        await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
        return $"{user}:{Decode((await reader.ReadLineAsync())!)}";
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return line[(start + 1)..end];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}

/// <param name="Login">The <c>user:password</c> the client logged in with, or null.</param>
/// <param name="From">The envelope sender (MAIL FROM).</param>
/// <param name="To">The envelope recipients (RCPT TO) the server took.</param>
public sealed record ReceivedMail(string? Login, string From, IReadOnlyList<string> To, MimeMessage Message);
