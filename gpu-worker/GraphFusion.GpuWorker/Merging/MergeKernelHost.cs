using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Gpu;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>What <c>/readyz</c> says about merging: the accelerator asked for, the kernel in use and its device, or why none could be had.</summary>
public sealed record MergeAcceleratorView(string Requested, string? Kernel, string? Device, string? Error);

/// <summary>
/// Picks the merge kernel once, on first use, from <c>Merging:Accelerator</c>: with <c>auto</c> the ILGPU CUDA
/// kernel when ILGPU finds a CUDA device, else the CPU SIMD kernel. Owns the device context.
/// </summary>
public sealed class MergeKernelHost(IOptions<MergeJobOptions> options) : IDisposable
{
    private readonly Lazy<(IMergeKernel? Kernel, string? Error)> _selection = new(() => Select(options.Value.Accelerator));

    /// <summary>The kernel merges use.</summary>
    /// <exception cref="InvalidOperationException">The configured accelerator is unknown or not present.</exception>
    public IMergeKernel Kernel => _selection.Value.Kernel ?? throw new InvalidOperationException($"Merging:Accelerator: {_selection.Value.Error}");

    public MergeAcceleratorView Describe()
    {
        var (kernel, error) = _selection.Value;
        return new MergeAcceleratorView(options.Value.Accelerator, kernel?.Name, (kernel as IlgpuMergeKernel)?.DeviceName, error);
    }

    private static (IMergeKernel?, string?) Select(string? configured)
    {
        if (!MergeAccelerators.TryParse(configured, out var accelerator))
        {
            return (null, $"'{configured}' is not one of {MergeAccelerators.Names}");
        }

        try
        {
            return (MergeAccelerators.Create(accelerator), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }

    public void Dispose()
    {
        if (_selection.IsValueCreated)
        {
            (_selection.Value.Kernel as IDisposable)?.Dispose();
        }
    }
}
