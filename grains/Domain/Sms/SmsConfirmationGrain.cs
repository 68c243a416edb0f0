using System.Text.Json.Serialization;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Shops;

namespace OrleansShop.Grains.Sms;

public sealed record SmsConfirmationState
{
    /// <summary><c>none</c>, <c>pending</c> (asked the gateway), <c>sent</c>, <c>failed</c>, <c>confirmed</c>, <c>expired</c> or <c>stopped</c> (the order went on without the buyer's reply).</summary>
    public string Status { get; init; } = "none";

    /// <summary>E.164; kept only while the order waits (personal data), cleared once it is confirmed or expired.</summary>
    public string? Phone { get; init; }

    public string? CustomerName { get; init; }

    public string Reference { get; init; } = string.Empty;

    public SmsSettings? Settings { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int Sends { get; init; }

    public string? LastError { get; init; }

    [JsonIgnore]
    public bool IsWaiting => Status is "pending" or "sent" or "failed";
}

/// <summary>
/// Runs one order's SMS confirmation. Everything it sends goes through the outbox: the request
/// SMS, the confirmation text, and the verdict to the order grain; the expiry is a durable reminder.
/// </summary>
public sealed class SmsConfirmationGrain([PersistentState("smsconfirmation")] IPersistentState<GrainRecord<SmsConfirmationState>> state) : EffectGrain<SmsConfirmationState>(state), ISmsConfirmationGrain
{
    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    public async Task StartAsync(SmsConfirmationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Status != "none")
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var expiresAt = now.AddMinutes(request.Settings.ExpiresAfterMinutes);
        var phone = request.Phone is null ? null : PhoneNumbers.ToE164(request.Phone, CallingCodes.For(request.CountryCode));
        State = new SmsConfirmationState
        {
            Status = phone is null ? "failed" : "pending",
            Phone = phone,
            CustomerName = request.CustomerName,
            Reference = request.Reference,
            Settings = request.Settings,
            ExpiresAt = expiresAt,
            LastError = phone is null ? "the order has no phone number an SMS can reach" : null,
        };
        RegisterOrUpdateReminder(SmsNames.ExpiryReminder, expiresAt - now);
        if (phone is null)
        {
            TellOrder("failed", State.LastError);
        }
        else
        {
            SendRequest(phone);
            Index.Set(SmsNames.AwaitingIndex, phone, expiresAt.ToUnixTimeMilliseconds().ToString("D15", System.Globalization.CultureInfo.InvariantCulture), request.Reference,
                System.Text.Json.JsonSerializer.Serialize(new AwaitingReply(ShopId, OrderId, request.Reference, request.Settings.Keyword), GrainJson.Options));
        }

        await WriteStateAsync();
    }

    public async Task<SmsReplyAnswer> ConfirmAsync(InboundSms reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (State.Status == "confirmed")
        {
            return new SmsReplyAnswer(true, ShopId, OrderId, nameof(OrderStatus.Confirmed), "the order was already confirmed; nothing changed");
        }

        if (!State.IsWaiting || State.Phone != reply.From)
        {
            return new SmsReplyAnswer(false, null, null, null, State.Status == "expired" ? "the confirmation window has closed" : "no order awaits confirmation from this number");
        }

        var now = TimeProvider.GetUtcNow();
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.ApplyAsync(new OrderEvent
        {
            EventId = $"sms/{reply.MessageId}",
            Source = "sms",
            Name = "sms.confirmed",
            Trigger = OrderTrigger.SmsConfirmed,
        }));
        Outbox.Call(SmsNames.Connector, SmsNames.Send, new SmsSendPayload(ShopId, OrderId, State.Phone, State.Settings!.ConfirmedText, "confirmed"));
        Finish(State with { Status = "confirmed", ConfirmedAt = now });
        await WriteStateAsync();
        return new SmsReplyAnswer(true, ShopId, OrderId, nameof(OrderStatus.Confirmed), null);
    }

    public async Task<bool> ResendAsync()
    {
        if (!State.IsWaiting || State.Phone is not { } phone)
        {
            return false;
        }

        SendRequest(phone);
        await WriteStateAsync();
        return true;
    }

    public async Task OnSendResultAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!State.IsWaiting)
        {
            return; // confirmed or expired meanwhile: a late gateway answer changes nothing
        }

        var now = TimeProvider.GetUtcNow();
        State = result.Succeeded
            ? State with { Status = "sent", SentAt = State.SentAt ?? now, LastError = null }
            : State with { Status = State.Status == "sent" ? "sent" : "failed", LastError = result.Error };
        TellOrder(State.Status, result.Error);
        await WriteStateAsync();
    }

    public async Task StopAsync()
    {
        if (!State.IsWaiting)
        {
            return;
        }

        Finish(State with { Status = "stopped" });
        await WriteStateAsync();
    }

    protected override async Task OnReminderAsync(string reminderName, TickStatus status)
    {
        if (reminderName != SmsNames.ExpiryReminder || !State.IsWaiting)
        {
            return;
        }

        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.ApplyAsync(new OrderEvent
        {
            EventId = "sms/expired",
            Source = "sms",
            Name = "sms.expired",
            Trigger = OrderTrigger.SmsExpired,
        }));
        Finish(State with { Status = "expired" });
        await WriteStateAsync();
    }

    private void SendRequest(string phone)
    {
        var settings = State.Settings!;
        var text = SmsText.Fill(settings.Template, State.CustomerName ?? string.Empty, State.Reference);
        Outbox.Call(SmsNames.Connector, SmsNames.Send, new SmsSendPayload(ShopId, OrderId, phone, text, "confirmation"),
            nameof(OnSendResultAsync));
        State = State with { Sends = State.Sends + 1 };
    }

    /// <summary>Leaves the awaiting index and forgets the phone number: the order no longer needs it.</summary>
    private void Finish(SmsConfirmationState next)
    {
        if (State.Phone is { } phone)
        {
            Index.Remove(SmsNames.AwaitingIndex, phone);
        }

        UnregisterReminder(SmsNames.ExpiryReminder);
        State = next with { Phone = null };
    }

    private void TellOrder(string status, string? detail)
    {
        var update = new SideEffectUpdate(SideEffectNames.Sms, status, TimeProvider.GetUtcNow(), detail);
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
    }
}

/// <summary>The index summary of an order awaiting a reply: enough to match a reply without loading the grain.</summary>
public sealed record AwaitingReply(string ShopId, string OrderId, string Reference, string Keyword);
