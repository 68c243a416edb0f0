using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansShop.Effects;
using OrleansShop.Grains.Shipping;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Grains.Orders;

/// <summary>
/// Runs one order's state machine. Every event leaves a history entry (a payment already recorded
/// adds none when another path reports it again); the transition table
/// decides; an event from before the order's last change is stale; events that arrive before
/// <c>order.created</c> wait and are replayed, in the order they happened, once it does.
/// </summary>
public sealed partial class OrderGrain([PersistentState("order")] IPersistentState<GrainRecord<OrderState>> state, ILogger<OrderGrain> logger)
    : EffectGrain<OrderState>(state), IOrderGrain
{
    private const int MaxHistory = 200;
    private const int MaxDeferred = 50;

    /// <summary>While an event is applied: its one time, for its history entry and everything it sets off, so the timeline keeps them together.</summary>
    private DateTimeOffset? _handledAt;

    private DateTimeOffset Now => _handledAt ?? TimeProvider.GetUtcNow();

    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    public async Task<EventAnswer> ApplyAsync(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        _handledAt = TimeProvider.GetUtcNow();
        try
        {
            var before = State.Status;
            var answer = State.Status is null ? Arrive(orderEvent) : Apply(orderEvent);
            ForgetEmailWhenUnneeded(); // after every event: an order that arrives needing no provider keeps nothing
            await WriteStateAsync();
            LogApplied(logger, orderEvent.Name, orderEvent.Source, before, State.Status, answer.Outcome);
            return answer;
        }
        finally
        {
            _handledAt = null;
        }
    }

    public Task<InboxAnswer<EventAnswer>> ApplyOnceAsync(string inboxKey, OrderEvent orderEvent) => OnceAsync(inboxKey, () => ApplyAsync(orderEvent));

    public async Task<EventAnswer?> DecideAsync(MerchantDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (State is not { Status: { } status, Details: { } order })
        {
            return null;
        }

        var (trigger, name) = decision.Action switch
        {
            MerchantAction.Confirm => (OrderTrigger.ConfirmedByHand, "merchant.confirmed"),
            MerchantAction.Release => (order.Policy.SmsConfirmation ? OrderTrigger.Released : OrderTrigger.ConfirmedByHand, "merchant.released"),
            _ => (OrderTrigger.Cancelled, "merchant.cancelled"),
        };
        var eventId = $"merchant/{name}";
        var rule = TransitionTable.Decide(status, trigger);
        if (rule.Verdict == Verdict.Duplicate || State.History.Any(h => h.EventId == eventId && h.Outcome == "applied"))
        {
            return new EventAnswer(eventId, OrderId, status.ToString(), "ignored", "duplicate: the order is already so");
        }

        if (rule.Verdict != Verdict.Apply || status is not (OrderStatus.AwaitingSmsConfirmation or OrderStatus.Held))
        {
            var decidable = decision.Action == MerchantAction.Release
                ? "only a held order is released"
                : $"only an order awaiting SMS confirmation or held is {(decision.Action == MerchantAction.Confirm ? "confirmed" : "cancelled")} by hand";
            return new EventAnswer(eventId, OrderId, status.ToString(), "rejected", $"{decidable}; this one is {status}");
        }

        return await ApplyAsync(new OrderEvent { EventId = eventId, Source = MerchantSource, Name = name, Trigger = trigger, Note = decision.Reason });
    }

    private const string MerchantSource = "merchant";

    public async Task SideEffectChangedAsync(SideEffectUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Effect == ShipmentProgress.Effect)
        {
            if (AdvanceShipment(update.Status, null, update.Detail))
            {
                await WriteStateAsync();
            }

            return;
        }

        if (update.Effect == SideEffectNames.ReputationReport)
        {
            // Only the report of the outcome the order stands at now counts; an older one arriving late does not.
            if (State.SideEffects.ReputationReport.Outcome == update.Detail)
            {
                SetReport(State.SideEffects.ReputationReport with { Status = update.Status });
                await WriteStateAsync();
            }

            return;
        }

        if (update.Effect == SideEffectNames.ReputationSignal)
        {
            // The same rule for the upstream signal: only the one of the current outcome counts.
            if (State.SideEffects.ReputationReport is { Signal: not null } report && report.Outcome == update.Detail)
            {
                SetReport(report with { Signal = update.Status });
                ForgetEmailWhenUnneeded();
                await WriteStateAsync();
            }

            return;
        }

        if (ReviewChanged(update))
        {
            ForgetEmailWhenUnneeded();
            await WriteStateAsync();
            return;
        }

        var sms = State.SideEffects.Sms;
        if (update.Effect != SideEffectNames.Sms || sms.Status is "confirmed" or "expired" or "stopped")
        {
            return; // the verdict is final; a late progress report changes nothing
        }

        SetSms(sms with { Status = update.Status, SentAt = update.Status == "sent" ? sms.SentAt ?? update.At : sms.SentAt, Detail = update.Detail });
        await WriteStateAsync();
    }

    /// <summary>
    /// A COD order's outcome goes to the reputation network: paid or closed means the buyer
    /// collected the parcel, not collected means they did not. Only a change of outcome is sent;
    /// the report grain keeps one outcome per order, so a correction replaces the earlier one.
    /// </summary>
    private void ReportOutcome(NewOrder order, OrderStatus target, DateTimeOffset? at)
    {
        Reputation.Outcome? outcome = target switch
        {
            OrderStatus.Paid or OrderStatus.Closed => Reputation.Outcome.Collected,
            OrderStatus.NotCollected => Reputation.Outcome.NotCollected,
            _ => null,
        };
        var name = outcome == Reputation.Outcome.Collected ? "collected" : "not_collected";
        if (!order.Policy.Cod || outcome is not { } reported || State.SideEffects.ReputationReport.Outcome == name)
        {
            return;
        }

        var emailHash = order.EmailHash;
        var when = at ?? TimeProvider.GetUtcNow();

        // With an upstream provider the outcome is also signalled there, which needs the address; once the
        // order has let go of it (see EmailStillNeeded), a late correction reaches the network only.
        var sealedEmail = order.Policy.ReputationSignal ? State.Details!.SealedEmail : null;
        var revision = State.ReportRevision + 1;
        State = State with { ReportRevision = revision };
        Outbox.Send<Reputation.IReputationReportGrain>(GetPrimaryKeyString(), report => report.ReportAsync(emailHash, reported, when, sealedEmail, revision));
        var signal = !order.Policy.ReputationSignal ? null : sealedEmail is null ? "not_sent" : "pending";
        SetReport(new ReportSideEffect("pending", name, signal));
    }

    /// <summary>Until the outcome of an ended order (closed, not collected) is signalled upstream; a cancelled order has none.</summary>
    private bool SignalMayNeedEmail() =>
        State is { Details.Policy.ReputationSignal: true } current
        && !(current.Status == OrderStatus.Cancelled || (current.Status is OrderStatus.Closed or OrderStatus.NotCollected && current.SideEffects.ReputationReport.Signal == "signalled"));

    private void SetReport(ReportSideEffect report) => ChangeSideEffects(State.SideEffects with { ReputationReport = report });

    private void SetSms(SmsSideEffect sms) => ChangeSideEffects(State.SideEffects with { Sms = sms });

    public Task<OrderView?> GetAsync()
    {
        if (State is not { Status: { } status, Details: { } order } current)
        {
            return Task.FromResult<OrderView?>(null);
        }

        var effects = current.SideEffects;
        return Task.FromResult<OrderView?>(new OrderView(
            OrderId, order.Reference, status.ToString(), order.Policy.Cod, order.PaymentMethod, new AmountView(order.Total.Value, order.Total.Currency),
            current.CreatedAt, current.UpdatedAt, order.ReputationAtCheckout, current.History,
            effects.Sms, effects.Invoice.View(), effects.ReputationReport, effects.Review, effects.Protection, effects.Shipment, current.Payments, current.SideEffectLog, current.TrackingToken,
            order.CodVerdict));
    }

    /// <summary>The order does not exist yet: create it, or keep the event until it does.</summary>
    private EventAnswer Arrive(OrderEvent orderEvent)
    {
        if (orderEvent is not { Trigger: OrderTrigger.Created, Order: { } order })
        {
            if (State.Deferred.Count >= MaxDeferred)
            {
                return Record(orderEvent, "rejected", null, $"more than {MaxDeferred} events arrived before order.created");
            }

            State = State with { Deferred = [.. State.Deferred, orderEvent] };
            return Record(orderEvent, "deferred", null, "the order does not exist yet; the event is applied when its order.created arrives");
        }

        var now = TimeProvider.GetUtcNow();
        var initial = Initial(order);
        // LastChangeAt comes only from timestamps the senders give: comparing them with our own
        // receipt times would mix clocks (and a gateway's whole seconds with our milliseconds).
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        State = State with { Status = initial, Details = order, CreatedAt = order.PlacedAt ?? now, LastChangeAt = orderEvent.OccurredAt ?? order.PlacedAt, TrackingToken = token };
        Index.Set(OrderKeys.ByTrackingToken, token, GetPrimaryKeyString(), null, "{}");
        if (initial == OrderStatus.AwaitingSmsConfirmation)
        {
            StartSmsConfirmation(order);
        }

        if (initial == OrderStatus.Cancelled)
        {
            State = State with { Details = order with { Phone = null } }; // cancelled as it arrived: nothing will text the buyer
        }
        else
        {
            HandOverToCarrier(order, initial);
            RegisterProtection(order);
            if (initial == OrderStatus.Confirmed)
            {
                MailBuyer(order, Mail.BuyerMailPurposes.Confirmed); // a COD order confirmed as it arrived
            }
        }

        PublishCodVerdict(order);
        WriteBackVerdict(order);
        var answer = Record(orderEvent, "applied", initial, order.CodVerdict?.Summary(), from: null);

        // Replay what came early, in the order it happened (arrival order where it does not say).
        var deferred = State.Deferred.Select((e, i) => (e, i)).OrderBy(x => x.e.OccurredAt ?? DateTimeOffset.MaxValue).ThenBy(x => x.i);
        State = State with { Deferred = [] };
        foreach (var (early, _) in deferred)
        {
            Apply(early);
        }

        return answer with { Status = State.Status.ToString() };
    }

    /// <summary>
    /// Where an order starts: a prepaid one waits for its payment; a COD one of a buyer below the
    /// shop's threshold is held or cancelled when the shop says so, else it awaits the buyer's SMS
    /// reply, or is confirmed when the shop confirms none by SMS.
    /// </summary>
    private static OrderStatus Initial(NewOrder order) => order switch
    {
        { Policy.Cod: false } => OrderStatus.Received,
        { CodVerdict.Action: Reputation.CodActions.Hold } => OrderStatus.Held,
        { CodVerdict.Action: Reputation.CodActions.Cancel } => OrderStatus.Cancelled,
        { Policy.SmsConfirmation: true } => OrderStatus.AwaitingSmsConfirmation,
        _ => OrderStatus.Confirmed,
    };

    /// <summary>Asks the buyer to confirm by SMS: as the order arrives, or when the merchant releases it from hold.</summary>
    private void StartSmsConfirmation(NewOrder order)
    {
        var request = new SmsConfirmationRequest(order.Phone, order.CustomerName, order.Reference,
            order.ShippingAddress?.CountryCode ?? order.BillingAddress?.CountryCode, order.Policy.Sms!);
        Outbox.Send<ISmsConfirmationGrain>(GetPrimaryKeyString(), sms => sms.StartAsync(request));
        SetSms(State.SideEffects.Sms with { Status = "pending" });
    }

    private EventAnswer Apply(OrderEvent orderEvent)
    {
        var answer = Decide(orderEvent);
        NotePayment(orderEvent, answer);
        NoteShipment(orderEvent);
        return answer;
    }

    private EventAnswer Decide(OrderEvent orderEvent)
    {
        var current = State.Status!.Value;
        var order = State.Details!;
        if (orderEvent is { Payment: { } reported, Trigger: null })
        {
            return Record(orderEvent, "ignored", null, $"{reported.Provider} reports the payment {orderEvent.RawStatus}: recorded, the order does not move");
        }

        if (Resolve(orderEvent, order) is not { } trigger)
        {
            return Record(orderEvent, "ignored", null, $"status '{orderEvent.RawStatus}' means nothing to OrleansShop; map it in the shop's statusMap");
        }

        if (orderEvent.OccurredAt is { } at && State.LastChangeAt is { } last && at < last)
        {
            return Record(orderEvent, "ignored", null, $"stale: it happened at {Format(at)}, before the order's last change at {Format(last)}");
        }

        if (trigger == OrderTrigger.Paid && orderEvent.Payment is { Amount: { } paid } && Mismatch(paid, order.Total) is { } mismatch)
        {
            return Record(orderEvent, "rejected", null, mismatch);
        }

        var rule = TransitionTable.Decide(current, trigger);
        switch (rule.Verdict)
        {
            case Verdict.Apply:
                State = State with { Status = rule.Target, LastChangeAt = orderEvent.OccurredAt ?? State.LastChangeAt };
                OnTransition(order, trigger, rule.Target!.Value, orderEvent, current);
                return Record(orderEvent, "applied", rule.Target, WhyApplied(orderEvent, current, rule.Target.Value), from: current);
            case Verdict.Reject:
                return Record(orderEvent, "rejected", null, rule.Reason);
            case Verdict.Duplicate when trigger == OrderTrigger.Paid:
                // One payment reported by two paths (the provider's notification and the shop's own
                // status webhook) is one fact: it keeps its one history entry.
                return new EventAnswer(orderEvent.EventId, OrderId, current.ToString(), "ignored", $"duplicate: {rule.Reason}");
            default:
                return Record(orderEvent, "ignored", null, rule.Verdict == Verdict.Duplicate ? $"duplicate: {rule.Reason}" : rule.Reason);
        }
    }

    /// <summary>
    /// What an applied transition sets off: each integration's side effect goes out through the
    /// outbox in the same commit as the transition itself.
    /// </summary>
    private void OnTransition(NewOrder order, OrderTrigger trigger, OrderStatus target, OrderEvent orderEvent, OrderStatus from)
    {
        ReportOutcome(order, target, orderEvent.OccurredAt);
        InvoiceOnTransition(order, target, orderEvent.OccurredAt ?? TimeProvider.GetUtcNow());
        HandOverToCarrier(order, target);
        InviteToReview(order, target, orderEvent);
        MailOnTransition(order, target, orderEvent);
        WriteBackOnTransition(order, trigger, target);
        if (from == OrderStatus.AwaitingSmsConfirmation)
        {
            EndSmsConfirmation(trigger, target, orderEvent);
        }

        if (target == OrderStatus.AwaitingSmsConfirmation)
        {
            StartSmsConfirmation(order); // released from hold
        }

        if (target is OrderStatus.Closed or OrderStatus.NotCollected or OrderStatus.Cancelled)
        {
            // A phone number is personal data, kept only while the order may still need to text the buyer.
            State = State with { Details = State.Details! with { Phone = null } };
        }
    }

    /// <summary>
    /// The order leaves <see cref="OrderStatus.AwaitingSmsConfirmation"/>: by the buyer's reply or
    /// its expiry (the confirmation grain's own verdict), or without them — decided by hand, or moved
    /// on by the shop's platform — when the confirmation grain is told to stop waiting, so its
    /// expiry cannot fire and a late reply is not answered as a confirmation.
    /// </summary>
    private void EndSmsConfirmation(OrderTrigger trigger, OrderStatus target, OrderEvent orderEvent)
    {
        var sms = State.SideEffects.Sms;
        if (orderEvent.Source == SmsSource)
        {
            PublishSms(confirmed: trigger == OrderTrigger.SmsConfirmed);
            SetSms(trigger == OrderTrigger.SmsConfirmed ? sms with { Status = "confirmed", ConfirmedAt = Now } : sms with { Status = "expired" });
            return;
        }

        Outbox.Send<ISmsConfirmationGrain>(GetPrimaryKeyString(), confirmation => confirmation.StopAsync());
        var detail = orderEvent.Source == MerchantSource
            ? $"{(target == OrderStatus.Confirmed ? "confirmed" : "cancelled")} by the merchant"
            : $"the shop reported the order {target}";
        SetSms(sms with { Status = "stopped", Detail = detail });
    }

    private const string SmsSource = "sms";

    /// <summary>
    /// The history's reason for an applied transition: the merchant's own words, the carrier's, or
    /// what it means that the platform moved on an order still waiting for the buyer's reply or held.
    /// </summary>
    private static string? WhyApplied(OrderEvent orderEvent, OrderStatus from, OrderStatus target) =>
        orderEvent.Note
        ?? (from is OrderStatus.AwaitingSmsConfirmation or OrderStatus.Held && orderEvent.Source is not (SmsSource or MerchantSource) && target != OrderStatus.Cancelled
            ? (from == OrderStatus.Held
                ? $"the shop reported it {target} while it was held: released another way"
                : $"the shop reported it {target} while it awaited SMS confirmation: confirmed another way, the SMS confirmation is stopped")
                + (orderEvent.Shipment?.Reason is { } carrier ? $"; {carrier}" : string.Empty)
            : orderEvent.Shipment?.Reason);

    /// <summary>
    /// Whether a provider may still have to be given the buyer's address: the one rule that decides
    /// how long the order keeps <see cref="NewOrder.SealedEmail"/>. Each integration that needs it
    /// adds its one condition here; once none does, the order drops the sealed address.
    /// </summary>
    private bool EmailStillNeeded(NewOrder order) =>
        SignalMayNeedEmail()
        || InvoiceMayNeedEmail()
        || ReviewNeedsEmail(order)
        || MailMayNeedEmail(order);

    /// <summary>Drops the sealed address as soon as no provider needs it: nothing keeps it longer.</summary>
    private void ForgetEmailWhenUnneeded()
    {
        if (State.Details is { SealedEmail: not null } details && !EmailStillNeeded(details))
        {
            State = State with { Details = details with { SealedEmail = null } };
        }
    }

    /// <summary>A shipment's delivery means collected and paid on a COD order, done on a prepaid one.</summary>
    private static OrderTrigger? Resolve(OrderEvent orderEvent, NewOrder order) => orderEvent.ShipmentStatus switch
    {
        "delivered" => order.Policy.Cod ? OrderTrigger.Paid : OrderTrigger.Closed,
        "returned" => OrderTrigger.NotCollected,
        _ => orderEvent.Trigger,
    };

    private EventAnswer Record(OrderEvent orderEvent, string outcome, OrderStatus? to, string? reason, OrderStatus? from = null)
    {
        var now = Now;
        var fromName = outcome == "applied" ? from?.ToString() : State.Status?.ToString();
        var entry = new HistoryEntry(now, orderEvent.Name, orderEvent.EventId, fromName, to?.ToString() ?? State.Status?.ToString(), outcome, reason, orderEvent.OccurredAt);
        var history = State.History.Count < MaxHistory ? [.. State.History, entry] : State.History.Skip(1).Append(entry).ToList();
        var dropped = State.HistoryDropped + (State.History.Count < MaxHistory ? 0 : 1);
        State = State with { History = history, HistoryDropped = dropped, UpdatedAt = now };
        if (outcome == "applied" && to is { } applied)
        {
            PublishStatusChanged(fromName, applied.ToString(), orderEvent.Name, reason);
        }

        if (State is { Status: { } status, Details: { } order })
        {
            var summary = new OrderSummary(OrderId, order.Reference, status.ToString(), order.Policy.Cod, new AmountView(order.Total.Value, order.Total.Currency), State.CreatedAt, now);
            var json = JsonSerializer.Serialize(summary, GrainJson.Options);
            Index.Set(OrderKeys.ByShop, ShopId, OrderKeys.CreatedSortKey(State.CreatedAt, OrderId), status.ToString(), json);
            Index.Set(OrderKeys.ByReference, ShopId, OrderKeys.ReferenceSortKey(order.Reference, OrderId), status.ToString(), json);
            if (order.PhoneHash is { } phone && outcome == "applied")
            {
                Index.Set(OrderKeys.ByPhone, OrderKeys.PhonePartition(ShopId, phone), OrderKeys.CreatedSortKey(State.CreatedAt, OrderId), status.ToString(), "{}");
            }
        }

        return new EventAnswer(orderEvent.EventId, OrderId, State.Status?.ToString(), outcome, reason);
    }

    private static string Format(DateTimeOffset time) => OrderKeys.Format(time);

    [LoggerMessage(1, LogLevel.Debug, "Applied {EventName} from {Source}: {From} to {To} ({Outcome})")]
    private static partial void LogApplied(ILogger logger, string eventName, string source, OrderStatus? from, OrderStatus? to, string outcome);
}
