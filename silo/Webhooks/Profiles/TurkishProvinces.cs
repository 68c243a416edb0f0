using System.Globalization;

namespace OrleansShop.Silo.Webhooks.Profiles;

/// <summary>Türkiye's 81 provinces (il) by plate code, 01 Adana to 81 Düzce, under their official names.</summary>
internal static class TurkishProvinces
{
    private static readonly string[] ByPlate =
    [
        "Adana", "Adıyaman", "Afyonkarahisar", "Ağrı", "Amasya", "Ankara", "Antalya", "Artvin", "Aydın", "Balıkesir",
        "Bilecik", "Bingöl", "Bitlis", "Bolu", "Burdur", "Bursa", "Çanakkale", "Çankırı", "Çorum", "Denizli",
        "Diyarbakır", "Edirne", "Elazığ", "Erzincan", "Erzurum", "Eskişehir", "Gaziantep", "Giresun", "Gümüşhane", "Hakkari",
        "Hatay", "Isparta", "Mersin", "İstanbul", "İzmir", "Kars", "Kastamonu", "Kayseri", "Kırklareli", "Kırşehir",
        "Kocaeli", "Konya", "Kütahya", "Malatya", "Manisa", "Kahramanmaraş", "Mardin", "Muğla", "Muş", "Nevşehir",
        "Niğde", "Ordu", "Rize", "Sakarya", "Samsun", "Siirt", "Sinop", "Sivas", "Tekirdağ", "Tokat",
        "Trabzon", "Tunceli", "Şanlıurfa", "Uşak", "Van", "Yozgat", "Zonguldak", "Aksaray", "Bayburt", "Karaman",
        "Kırıkkale", "Batman", "Şırnak", "Bartın", "Ardahan", "Iğdır", "Yalova", "Karabük", "Kilis", "Osmaniye",
        "Düzce",
    ];

    /// <summary>The province of a WooCommerce state code, <c>TR</c> and the plate (<c>TR34</c> İstanbul); null for any other code.</summary>
    public static string? FromStateCode(string code) =>
        code is ['T' or 't', 'R' or 'r', _, _] && int.TryParse(code.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var plate) && plate is >= 1 and <= 81
            ? ByPlate[plate - 1]
            : null;
}
