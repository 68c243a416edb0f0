namespace OrleansShop.Storage;

/// <summary>
/// The data folder and its files are its owner's alone: the folder 0700, each file 0600. Applied to
/// what exists as well as what is created, so a data folder made by an earlier version is closed too.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="folder"/> if needed, readable by its owner only.</summary>
    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, FolderMode);
        try
        {
            File.SetUnixFileMode(folder, FolderMode);
        }
        catch (UnauthorizedAccessException)
        {
            // A folder someone else owns (a shared one configured as the data folder) keeps its mode; its files are still closed.
        }
    }

    /// <summary>Creates <paramref name="path"/> empty if needed, readable by its owner only; SQLite gives its journal files the same mode.</summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }

        File.SetUnixFileMode(path, FileMode);
        foreach (var journal in new[] { path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
        {
            File.SetUnixFileMode(journal, FileMode);
        }
    }

    /// <summary>The mode a file written by the silo is created with (Unix only).</summary>
    public static UnixFileMode OwnerOnly => FileMode;
}
