using OrleansShop.Effects;
using OrleansShop.Grains.Shipping;

namespace OrleansShop.Grains.Sandbox;

public sealed class SandboxCarrierGrain([PersistentState("sandboxcarrier")] IPersistentState<GrainRecord<SandboxLog<SandboxParcel>>> state) : EffectGrain<SandboxLog<SandboxParcel>>(state), ISandboxCarrierGrain
{
    /// <summary>A sandbox parcel reaches the courier an hour after it was created.</summary>
    public static readonly TimeSpan InTransitAfter = TimeSpan.FromHours(1);

    /// <summary>A sandbox parcel is delivered a day after it was created.</summary>
    public static readonly TimeSpan DeliveredAfter = TimeSpan.FromDays(1);

    private const int KeepQueries = 20;

    public async Task<CarrierCreated> CreateAsync(CarrierShipment shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var (log, _, added) = State.RecordOnce(p => p.CargoKey == shipment.CargoKey, sequence => new SandboxParcel(
            shipment.CargoKey, $"SBX{sequence:D9}", TimeProvider.GetUtcNow(), shipment.ShopId, shipment.OrderId, shipment.InvoiceKey,
            shipment.ReceiverName, shipment.City, shipment.Cod, null, null, []));
        if (added)
        {
            State = log;
            await WriteStateAsync();
        }

        return new CarrierCreated(shipment.CargoKey, AlreadyCreated: !added);
    }

    public async Task<CarrierTracking> QueryAsync(string cargoKey)
    {
        if (Find(cargoKey) is not { } parcel)
        {
            return CarrierTracking.Failed($"sandbox carrier: no parcel with cargo key {cargoKey}");
        }

        var now = TimeProvider.GetUtcNow();
        Replace(parcel with { QueriedAt = [.. parcel.QueriedAt.TakeLast(KeepQueries - 1), now] });
        await WriteStateAsync();
        var age = now - parcel.CreatedAt;
        var link = $"https://sandbox.orleansshop.invalid/track/{parcel.TrackingCode}";
        return parcel.RefusedBecause is { } reason ? new CarrierTracking("returned", parcel.TrackingCode, link, reason, null)
            : age >= DeliveredAfter ? new CarrierTracking("delivered", parcel.TrackingCode, link, null, null)
            : age >= InTransitAfter ? new CarrierTracking("in_transit", parcel.TrackingCode, link, null, null)
            : new CarrierTracking("created", null, null, null, null);
    }

    public async Task<bool> RefuseAsync(string cargoKey, string reason)
    {
        var now = TimeProvider.GetUtcNow();
        if (Find(cargoKey) is not { } parcel || now - parcel.CreatedAt >= DeliveredAfter)
        {
            return false;
        }

        Replace(parcel with { RefusedBecause = reason, RefusedAt = now });
        await WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<SandboxParcel>> ListAsync() => Task.FromResult(State.Entries);

    private SandboxParcel? Find(string cargoKey) => State.Find(p => p.CargoKey == cargoKey);

    private void Replace(SandboxParcel parcel) => State = State.Replace(p => p.CargoKey == parcel.CargoKey, parcel);
}
