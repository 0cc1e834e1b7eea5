using System.Security.Cryptography;
using GraphFusion.Merging.Recipes;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>SHA-256 of the files of every recipe input (a model file, or the files directly in a model folder).</summary>
internal static class InputHasher
{
    public static async Task<IReadOnlyList<MergeInputView>> HashAsync(MergeRecipe recipe, ModelPathPolicy policy, CancellationToken cancellationToken)
    {
        var inputs = new List<MergeInputView>();
        if (recipe.BaseModelName is { } baseName)
        {
            inputs.Add(new MergeInputView(baseName, "base", await HashFilesAsync(recipe.BaseModel!, policy, cancellationToken)));
        }

        foreach (var model in recipe.Models)
        {
            inputs.Add(new MergeInputView(model.Name, "model", await HashFilesAsync(model.Path, policy, cancellationToken)));
        }

        return inputs;
    }

    private static async Task<IReadOnlyList<MergeFileView>> HashFilesAsync(string path, ModelPathPolicy policy, CancellationToken cancellationToken)
    {
        var files = File.Exists(path)
            ? [path]
            : Directory.EnumerateFiles(path).Order(StringComparer.Ordinal).ToList();
        var views = new List<MergeFileView>(files.Count);
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            views.Add(new MergeFileView(policy.Relative(file), stream.Length, Convert.ToHexStringLower(hash)));
        }

        return views;
    }
}
