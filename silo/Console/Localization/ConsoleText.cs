namespace OrleansShop.Silo.Console.Localization;

/// <summary>The console's texts: <c>ConsoleText.resx</c> (English) and one file per other language beside it.</summary>
internal sealed class ConsoleText;
