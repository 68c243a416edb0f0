using System.Globalization;
using System.Text.Json;
using OrleansShop.Effects;
using OrleansShop.Grains.Orders;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Grains.Shipping;

/// <summary>
/// Drives one parcel: <c>createShipment</c> once with the order's cargo key, then tracking polls on a
/// one-minute reminder until the parcel is delivered or back. Everything it sends — the carrier
/// calls, the order's shipment events, the buyer's SMS — goes through the outbox with the state
/// change that decided it, so a crash or a redelivery sends nothing twice.
/// </summary>
public sealed class ShipmentGrain([PersistentState("shipment")] IPersistentState<GrainRecord<ShipmentState>> state) : EffectGrain<ShipmentState>(state), IShipmentGrain
{
    private const int InvoiceKeyLength = 20;

    private string ShopId => GetPrimaryKeyString()[..GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)];

    private string OrderId => GetPrimaryKeyString()[(ShopId.Length + 1)..];

    public async Task StartAsync(ShipmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Status != "none")
        {
            return;
        }

        var cargoKey = ShipmentNames.CargoKey(GetPrimaryKeyString());
        var phone = request.Phone is null ? null : PhoneNumbers.ToE164(request.Phone, CallingCodes.For(request.Address?.CountryCode));
        State = new ShipmentState
        {
            Status = "creating",
            CargoKey = cargoKey,
            Carrier = request.Settings.Carrier,
            Reference = request.Reference,
            CustomerName = request.CustomerName,
            Phone = phone,
            Settings = request.Settings,
        };
        if (Shipment(request, cargoKey, phone) is { } shipment)
        {
            Outbox.Call(ShipmentNames.Connector, ShipmentNames.Create, shipment, nameof(OnCreatedAsync));
        }
        else
        {
            Fail("the order lacks what the carrier needs: the buyer's name, an address and a Turkish phone number");
        }

        await WriteStateAsync();
    }

    public async Task OnCreatedAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (State.Status is not ("creating" or "failed"))
        {
            return; // an operator's replay of a call that had succeeded meanwhile
        }

        if (!result.Succeeded)
        {
            Fail(result.Error ?? "the carrier refused the shipment");
            await WriteStateAsync();
            return;
        }

        State = State with { Status = "created", CreatedAt = TimeProvider.GetUtcNow(), LastError = null };
        RegisterOrUpdateReminder(ShipmentNames.TrackReminder, ShipmentNames.PollInterval, ShipmentNames.PollInterval);
        TellOrder("created", State.CargoKey);
        await WriteStateAsync();
    }

    public Task<ParcelLabelFacts> GetLabelFactsAsync() => Task.FromResult(new ParcelLabelFacts(State.Status, State.CargoKey, State.Carrier));

    protected override async Task OnReminderAsync(string reminderName, TickStatus status)
    {
        if (reminderName != ShipmentNames.TrackReminder)
        {
            return;
        }

        if (State.Status is not ("created" or "in_transit"))
        {
            UnregisterReminder(ShipmentNames.TrackReminder);
            await WriteStateAsync();
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var inFlight = State.QuerySentAt is { } sent && (State.AnsweredAt is not { } answered || answered < sent) && now - sent < ShipmentNames.LostQueryAfter;
        if (inFlight || (State.AnsweredAt is { } last && now - last < ShipmentNames.PollInterval))
        {
            return; // the carrier would block a second query within the minute
        }

        var query = new CarrierQuery(ShopId, OrderId, State.Carrier!, State.CargoKey!);
        Outbox.Call(ShipmentNames.Connector, ShipmentNames.Query, query, nameof(OnTrackedAsync));
        State = State with { QuerySentAt = now, Queries = State.Queries + 1 };
        await WriteStateAsync();
    }

    public async Task OnTrackedAsync(ExternalCallResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tracking = result is { Succeeded: true, Response: { } response }
            ? JsonSerializer.Deserialize<CarrierTracking>(response, GrainJson.Options)
            : CarrierTracking.Failed(result.Error ?? "no answer");
        if (State.Status is not ("created" or "in_transit") || tracking is null)
        {
            return; // over already: a late answer changes nothing
        }

        State = State with { AnsweredAt = TimeProvider.GetUtcNow() };

        if (tracking.Error is { } error)
        {
            State = State with { LastError = error };
        }
        else
        {
            Track(tracking);
        }

        await WriteStateAsync();
    }

    /// <summary>The parcel moved (or not): each stage is told to the order and texted to the buyer once.</summary>
    private void Track(CarrierTracking tracking)
    {
        State = State with
        {
            TrackingCode = tracking.TrackingCode ?? State.TrackingCode,
            TrackingUrl = tracking.TrackingUrl ?? State.TrackingUrl,
            LastError = null,
        };
        switch (tracking.Status)
        {
            case "in_transit" when State.Status == "created":
                State = State with { Status = "in_transit" };
                TellOrderShipment("in_transit", null);
                Text(State.Settings!.HandedOverText, "shipped", sent => sent with { HandedOverTextSent = true }, State.HandedOverTextSent);
                break;
            case "delivered":
                State = State with { Status = "delivered" };
                TellOrderShipment("delivered", null);
                Text(State.Settings!.DeliveredText, "delivered", sent => sent with { DeliveredTextSent = true }, State.DeliveredTextSent);
                Finish();
                break;
            case "returned":
                State = State with { Status = "returned" };
                TellOrderShipment("returned", tracking.Reason ?? "the parcel was returned");
                Finish();
                break;
            case "cancelled":
                State = State with { Status = "cancelled", LastError = tracking.Reason };
                TellOrder("cancelled", tracking.Reason ?? "the carrier cancelled the shipment");
                Finish();
                break;
        }
    }

    /// <summary>Texts the buyer once, from the shop's template.</summary>
    private void Text(string template, string purpose, Func<ShipmentState, ShipmentState> markSent, bool alreadySent)
    {
        if (alreadySent || State.Phone is not { } phone)
        {
            return;
        }

        var text = SmsText.Fill(template, [State.CustomerName ?? string.Empty, State.Reference, State.TrackingCode ?? State.CargoKey, State.TrackingUrl ?? string.Empty]);
        Outbox.Call(SmsNames.Connector, SmsNames.Send, new SmsSendPayload(ShopId, OrderId, phone, text.Trim(), purpose));
        State = markSent(State);
    }

    /// <summary>The parcel's journey is over: stop polling and forget the buyer's phone.</summary>
    private void Finish()
    {
        UnregisterReminder(ShipmentNames.TrackReminder);
        State = State with { Phone = null };
    }

    private void Fail(string error)
    {
        State = State with { Status = "failed", LastError = error };
        TellOrder("failed", error);
    }

    private void TellOrderShipment(string status, string? reason)
    {
        var shipment = new ShipmentFact(State.Carrier!, State.TrackingCode ?? State.CargoKey, State.TrackingUrl, reason);
        var orderEvent = new OrderEvent
        {
            EventId = $"carrier/{State.CargoKey}/{status}",
            Source = ShipmentNames.Connector,
            Name = "shipment.updated",
            Trigger = status == "in_transit" ? OrderTrigger.Shipped : null,
            RawStatus = status,
            ShipmentStatus = status,
            Shipment = shipment,
        };
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.ApplyAsync(orderEvent));
    }

    private void TellOrder(string status, string? detail)
    {
        var update = new SideEffectUpdate(ShipmentProgress.Effect, status, TimeProvider.GetUtcNow(), detail);
        Outbox.Send<IOrderGrain>(GetPrimaryKeyString(), order => order.SideEffectChangedAsync(update));
    }

    /// <summary>The carrier's shipment, or null when the order cannot make one.</summary>
    private CarrierShipment? Shipment(ShipmentRequest request, string cargoKey, string? phone)
    {
        var address = request.Address;
        var name = address?.Name ?? request.CustomerName;
        var national = PhoneNumbers.ToNetgsmNational(phone);
        if (string.IsNullOrWhiteSpace(name) || address is not { Line1: { } line1 } || national is null)
        {
            return null;
        }

        var street = string.Join(' ', new[] { line1, address.Line2, address.PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p)));

        // The carrier's city is the province (il), its town the district (ilçe). An address with a region
        // names the il there and the ilçe as its city. Assumption: one without a region names the il as
        // its city, so no town is sent rather than a guess.
        var (city, town) = address.Region is { } region ? (region, address.City) : (address.City, null);
        var invoiceKey = request.Reference.Length <= InvoiceKeyLength ? request.Reference : cargoKey;
        var cod = request.CashOnDelivery is { } amount
            ? new CarrierCod(
                decimal.Parse(amount.Value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture),
                amount.Currency,
                request.Settings.CodCollectionType,
                ShipmentNames.DocumentId(request.Reference, cargoKey))
            : null;
        return new CarrierShipment(ShopId, OrderId, request.Settings.Carrier, cargoKey, invoiceKey, name.Trim(), street, city, town, national, cod);
    }
}
