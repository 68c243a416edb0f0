using OrleansShop.Grains.Sandbox;

namespace OrleansShop.Tests.Grains.Domain.Sandbox;

/// <summary>The log every sandbox provider keeps: once per entry, the latest 500, numbers that never repeat.</summary>
public sealed class SandboxLogTests
{
    private sealed record Entry(string Key, long Number);

    [Fact]
    public void An_entry_recorded_again_is_the_first_one_and_changes_nothing()
    {
        var (log, first, added) = new SandboxLog<Entry>().RecordOnce(e => e.Key == "a", n => new Entry("a", n));
        var (again, second, addedAgain) = log.RecordOnce(e => e.Key == "a", n => new Entry("a", n));

        Assert.True(added);
        Assert.False(addedAgain);
        Assert.Same(first, second);
        Assert.Same(log, again);
        Assert.Equal(1, again.Sequence);
    }

    [Fact]
    public void The_log_keeps_the_latest_entries_and_never_gives_a_number_twice()
    {
        var log = new SandboxLog<Entry>();
        for (var i = 0; i < SandboxLog<Entry>.Keep + 20; i++)
        {
            log = log.RecordOnce(e => e.Key == $"k{i}", n => new Entry($"k{i}", n)).Log;
        }

        Assert.Equal(SandboxLog<Entry>.Keep, log.Entries.Count);
        Assert.Equal("k20", log.Entries[0].Key);
        Assert.Equal(SandboxLog<Entry>.Keep + 20, log.Entries[^1].Number);
        Assert.Equal(log.Entries.Count, log.Entries.Select(e => e.Number).Distinct().Count());
    }

    [Fact]
    public void An_appended_entry_is_added_even_when_an_equal_one_is_there()
    {
        var (log, _) = new SandboxLog<Entry>().Append(n => new Entry("a", n));
        var (twice, second) = log.Append(n => new Entry("a", n));

        Assert.Equal(["a", "a"], twice.Entries.Select(e => e.Key));
        Assert.Equal(2, second.Number);
    }

    [Fact]
    public void An_entry_can_be_replaced_or_removed_in_place()
    {
        var log = new SandboxLog<Entry>()
            .Append(n => new Entry("a", n)).Log
            .Append(n => new Entry("b", n)).Log;

        var replaced = log.Replace(e => e.Key == "a", new Entry("a", 99));
        var removed = replaced.Without(e => e.Key == "b");

        Assert.Equal([99, 2], replaced.Entries.Select(e => e.Number));
        Assert.Equal(["a"], removed.Entries.Select(e => e.Key));
        Assert.Equal(2, removed.Sequence);
    }
}
