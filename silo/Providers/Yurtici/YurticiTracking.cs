namespace OrleansShop.Silo.Providers.Yurtici;

/// <summary>
/// One <c>shippingDeliveryDetailVO</c> of <c>queryShipment</c>, with what it means. Yurtiçi's
/// <c>operationCode</c>: 0 not yet handed over, 1 in delivery, 2 registered by the branch, 3 and 4
/// cancelled, 5 delivered, 6 cancelled by the branch. A refused parcel may still say 5 (the return
/// was "delivered" back): its <c>rejectStatus</c> and refusal reason tell it apart.
/// </summary>
/// <param name="DocId">Yurtiçi's shipment number, the buyer's tracking code; known once a branch has the parcel.</param>
/// <param name="RejectStatus">The return process: 0–3, 9, 10 under way or done; 4, 7, 8, 11 called off.</param>
public sealed record YurticiTracking(
    string CargoKey,
    int? OperationCode,
    string? OperationStatus,
    string? DocId,
    string? TrackingUrl,
    string? RejectStatus,
    string? RejectReason)
{
    private static readonly HashSet<string> ReturnUnderWay = ["0", "1", "2", "3", "9", "10"];

    /// <summary><c>created</c>, <c>in_transit</c>, <c>delivered</c>, <c>returned</c> or <c>cancelled</c>; null for a code Yurtiçi did not document.</summary>
    public string? Status =>
        RejectStatus is { } reject && ReturnUnderWay.Contains(reject) ? "returned"
        : OperationCode switch
        {
            0 => "created",
            1 or 2 => "in_transit",
            5 => "delivered",
            3 or 4 or 6 => "cancelled",
            _ => null,
        };
}
