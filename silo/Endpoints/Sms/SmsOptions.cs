using Microsoft.Extensions.Options;
using OrleansShop.Grains.Sms;

namespace OrleansShop.Silo.Endpoints.Sms;

/// <summary>
/// How buyers' replies are read. Section <c>Sms</c>; its <c>InboundToken</c> is one of the silo's
/// secrets (<see cref="Hosting.SiloSecrets"/>), and Netgsm and the inbox polling have sections of
/// their own (<c>Sms:Netgsm</c>, <c>Sms:Polling</c>).
/// </summary>
public sealed class SmsOptions
{
    public const string SectionName = "Sms";

    /// <summary>
    /// The country calling code of a reply's sender written without one, as gateways write national
    /// numbers: one to three digits, e.g. <c>36</c>. Default <c>90</c> (Turkey).
    /// </summary>
    public string DefaultCallingCode { get; set; } = CallingCodes.Default;
}

internal sealed class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options) =>
        !CallingCodes.IsCallingCode(options.DefaultCallingCode)
            ? ValidateOptionsResult.Fail($"{SmsOptions.SectionName}:DefaultCallingCode must be a country calling code: one to three digits, not starting with 0.")
            : ValidateOptionsResult.Success;
}
