namespace OrleansShop.Runtime;

/// <summary>
/// Marks a grain interface. As in Orleans, a grain is addressed through its interface and a
/// string key; every method returns <see cref="Task"/> or <see cref="Task{TResult}"/>.
/// </summary>
#pragma warning disable CA1040 // A marker interface, as Orleans' IGrainWithStringKey is.
public interface IGrainWithStringKey;
#pragma warning restore CA1040
