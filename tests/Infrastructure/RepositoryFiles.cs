namespace OrleansShop.Tests.Infrastructure;

/// <summary>The repository the tests run from: the folder above the test binaries that holds OrleansShop.sln.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansShop.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OrleansShop.sln not found above the test output.");
    }
}
