using System.CommandLine;
using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Gpu;
using Spectre.Console;

namespace GraphFusion.Cli.Commands;

/// <summary><c>--accelerator auto|cpu|cuda|ilgpu-cpu</c> of <c>merge</c> and <c>bench merge</c>, and the kernel it selects.</summary>
internal static class AcceleratorOption
{
    public static Option<string> Create() => new("--accelerator")
    {
        Description = "Where the element-wise merge math runs: auto (CUDA through ILGPU when a CUDA device is found, else CPU SIMD), "
            + "cpu, cuda, or ilgpu-cpu (ILGPU's CPU accelerator, slow, for verification)",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>The kernel for <paramref name="value"/>; ILGPU kernels must be disposed.</summary>
    public static IMergeKernel CreateKernel(string? value) =>
        MergeAccelerators.TryParse(value, out var accelerator)
            ? MergeAccelerators.Create(accelerator)
            : throw new ArgumentException($"--accelerator must be one of {MergeAccelerators.Names}");

    public static string Describe(IMergeKernel kernel) =>
        kernel is IlgpuMergeKernel ilgpu ? $"{kernel.Name} ({ilgpu.DeviceName})" : kernel.Name;

    public static void Print(IMergeKernel kernel) => AnsiConsole.MarkupLineInterpolated($"Accelerator: {Describe(kernel)}");
}

/// <summary>Holds a kernel for one command and releases its device context (if any) afterwards.</summary>
internal sealed class KernelLease(IMergeKernel kernel) : IDisposable
{
    public IMergeKernel Kernel => kernel;

    public void Dispose() => (kernel as IDisposable)?.Dispose();
}
