using System.Diagnostics;
using System.Threading.Channels;
using GraphFusion.Merging.Buffers;
using GraphFusion.Merging.Lora;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>
/// Runs a recipe tensor by tensor. Items are computed by a bounded number of workers and handed to a single
/// writer through a bounded channel (read-ahead), in output order. Before an item starts it takes the bytes it
/// will hold (inputs, output) from a memory budget and gives them back once written, so peak memory is bounded
/// by the budget regardless of model size or tensor size. Output is written shard by shard as tensors arrive.
/// </summary>
public static class MergeEngine
{
    /// <summary>Validates and runs <paramref name="recipe"/>, writing into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="RecipeValidationException">The recipe has problems; all are listed.</exception>
    public static Task<MergeResult> RunAsync(MergeRecipe recipe, string outputDirectory,
        IProgress<MergeProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(recipe, outputDirectory, MergeEngineOptions.Default, progress, cancellationToken);

    /// <summary>As <see cref="RunAsync(MergeRecipe, string, IProgress{MergeProgress}?, CancellationToken)"/> with explicit options.</summary>
    public static async Task<MergeResult> RunAsync(MergeRecipe recipe, string outputDirectory, MergeEngineOptions options,
        IProgress<MergeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadAhead, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MemoryBudgetBytes, 1);
        var stopwatch = Stopwatch.StartNew();
        var problems = new List<string>();
        using MergePlan plan = MergePlanner.Build(recipe, problems) ?? throw new RecipeValidationException(problems);
        Directory.CreateDirectory(outputDirectory);

        var specs = plan.Items.SelectMany(i => i.Outputs).ToList();
        int total = specs.Count;
        var files = new List<OutputFile>();
        double errSum = 0, normSum = 0, maxModuleError = 0;
        bool factorised = false;
        int done = 0;
        long written = 0;

        ShardedCheckpointWriter? checkpointWriter = null;
        SafeTensorsWriter? adapterWriter = null;
        if (plan.Kind == MergeOutputKind.Checkpoint)
        {
            checkpointWriter = new ShardedCheckpointWriter(outputDirectory, specs, plan.MaxShardBytes, plan.Metadata);
        }
        else
        {
            adapterWriter = new SafeTensorsWriter(Path.Combine(outputDirectory, LoraAdapter.WeightsFileName), specs, plan.Metadata);
        }

        try
        {
            using TensorBufferPool? ownPool = options.BufferPool is null ? new TensorBufferPool(options.MemoryBudgetBytes) : null;
            TensorBufferPool pool = options.BufferPool ?? ownPool!;
            var computer = new TensorComputer(plan, pool, options.MaxDegreeOfParallelism, options.Kernel, options.StreamingSliceBytes);
            await foreach (ItemOutput output in ComputeInOrder(plan.Items, computer, options, cancellationToken).ConfigureAwait(false))
            {
                using (output)
                {
                    for (int i = 0; i < output.Data.Count; i++)
                    {
                        string name = output.Item.Outputs[i].Name;
                        if (checkpointWriter is not null)
                        {
                            checkpointWriter.WriteTensor(name, output.Data[i].Span);
                        }
                        else
                        {
                            adapterWriter!.WriteTensor(name, output.Data[i].Span);
                        }
                        written += output.Data[i].Length;
                        done++;
                    }
                }
                if (output.IsFactorised)
                {
                    factorised = true;
                    errSum += output.ErrorSquared;
                    normSum += output.NormSquared;
                    if (output.NormSquared > 0)
                    {
                        maxModuleError = Math.Max(maxModuleError, Math.Sqrt(output.ErrorSquared / output.NormSquared));
                    }
                }
                progress?.Report(new MergeProgress(done, total, plan.BytesRead, written, output.Item.Label));
            }

            if (checkpointWriter is not null)
            {
                files.AddRange(checkpointWriter.Complete());
            }
            else
            {
                files.Add(adapterWriter!.Complete());
                string configPath = Path.Combine(outputDirectory, LoraAdapterConfig.FileName);
                AdapterConfigWriter.Write(configPath, plan.Adapters, plan.Items.OfType<AdapterModuleItem>().ToList(),
                    keptExtras: plan.Items.OfType<CopyTensorItem>().Any());
                files.Add(OutputFile.Describe(configPath));
            }
        }
        finally
        {
            checkpointWriter?.Dispose();
            adapterWriter?.Dispose();
        }

        double? error = factorised ? (normSum > 0 ? Math.Sqrt(errSum / normSum) : 0) : null;
        return new MergeResult(outputDirectory, plan.Kind, files, plan.Method.Name, stopwatch.Elapsed, done,
            plan.SkippedTensors, plan.BytesRead, error, factorised ? maxModuleError : null);
    }

    /// <summary>
    /// Starts item computations on up to <c>MaxDegreeOfParallelism</c> workers, each once its bytes fit in the
    /// memory budget, keeps at most <c>ReadAhead</c> finished-or-running items queued ahead of the consumer, and
    /// yields results in plan order. The consumer disposes each output, which gives its bytes back.
    /// </summary>
    private static async IAsyncEnumerable<ItemOutput> ComputeInOrder(IReadOnlyList<PlanItem> items, TensorComputer computer,
        MergeEngineOptions options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(options.MaxDegreeOfParallelism);
        var budget = new ByteBudget(options.MemoryBudgetBytes);
        var channel = Channel.CreateBounded<Task<ItemOutput>>(new BoundedChannelOptions(options.ReadAhead)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Task producer = Task.Run(async () =>
        {
            try
            {
                foreach (PlanItem item in items)
                {
                    // Items take budget in plan order, and the consumer frees it in plan order: no item can wait
                    // on bytes held by an item behind it.
                    BudgetLease lease = await budget.AcquireAsync(computer.EstimateBytes(item), cts.Token).ConfigureAwait(false);
                    try
                    {
                        await gate.WaitAsync(cts.Token).ConfigureAwait(false);
                    }
                    catch
                    {
                        lease.Dispose();
                        throw;
                    }
                    Task<ItemOutput> task = Task.Run(() =>
                    {
                        try
                        {
                            cts.Token.ThrowIfCancellationRequested();
                            ItemOutput output = computer.Compute(item);
                            output.Lease = lease;
                            return output;
                        }
                        catch
                        {
                            lease.Dispose();
                            throw;
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }, CancellationToken.None);
                    try
                    {
                        await channel.Writer.WriteAsync(task, cts.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Never leave a computation running unobserved: its inputs are about to be disposed.
                        await task.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                        throw;
                    }
                }
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        bool completed = false;
        try
        {
            await foreach (Task<ItemOutput> task in channel.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                yield return await task.ConfigureAwait(false);
            }
            completed = true;
        }
        finally
        {
            if (!completed)
            {
                await cts.CancelAsync().ConfigureAwait(false);
            }
            await producer.ConfigureAwait(false);
            // Let in-flight computations finish before the inputs they read are disposed.
            while (channel.Reader.TryRead(out Task<ItemOutput>? pending))
            {
                try
                {
                    (await pending.ConfigureAwait(false)).Dispose();
                }
                catch (Exception) when (!completed)
                {
                    // The merge already failed or was cancelled; the first error is the one reported.
                }
            }
        }
    }
}
