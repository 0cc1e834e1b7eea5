using GraphFusion.Merging.Lora;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>
/// Turns a recipe into a <see cref="MergePlan"/>, reading only headers and configs. Every problem found is
/// collected; the plan is returned only when there are none.
/// </summary>
internal static class MergePlanner
{
    private const string PeftPrefix = "base_model.model.";
    private const int MaxListedTensors = 20;

    public static MergePlan? Build(MergeRecipe recipe, List<string> problems)
    {
        problems.AddRange(recipe.SyntaxProblems);
        IMergeMethod? method = null;
        if (!string.IsNullOrEmpty(recipe.MergeMethod) && !MergeMethods.TryGet(recipe.MergeMethod, out method))
        {
            problems.Add($"unknown merge_method '{recipe.MergeMethod}' (known: {string.Join(", ", MergeMethods.Names)})");
        }
        if (method is not null)
        {
            CheckParameterDeclarations(recipe, method, problems);
        }

        var opened = new List<InputModel>();
        bool openFailed = false;
        CheckpointInput? baseInput = null;
        if (recipe.BaseModel is not null)
        {
            if (LoraAdapter.IsAdapter(recipe.BaseModel))
            {
                problems.Add($"base_model '{recipe.BaseModelName}' is a LoRA adapter; it must be a full checkpoint");
                openFailed = true;
            }
            else
            {
                baseInput = Open(recipe.BaseModelName!, recipe.BaseModel, null, problems) as CheckpointInput;
                openFailed |= baseInput is null;
            }
        }
        var entries = recipe.Models
            .Where(m => !(method?.RequiresBase == true && recipe.BaseModel is not null && SamePath(m.Path, recipe.BaseModel)))
            .ToList();
        bool allAdapters = entries.Count > 0 && entries.All(m => LoraAdapter.IsAdapter(m.Path));
        var models = new List<InputModel>();
        foreach (RecipeModel entry in entries)
        {
            InputModel? input = Open(entry.Name, entry.Path, baseInput, problems);
            if (input is null)
            {
                openFailed = true;
            }
            else
            {
                models.Add(input);
            }
        }
        opened.AddRange(models);
        if (baseInput is not null)
        {
            opened.Add(baseInput);
        }

        MergeOutputKind kind = allAdapters && recipe.BaseModel is null ? MergeOutputKind.Adapter : MergeOutputKind.Checkpoint;
        if (recipe.BaseModel is null && !allAdapters && entries.Any(m => LoraAdapter.IsAdapter(m.Path)))
        {
            problems.Add("LoRA adapters mixed with full checkpoints need a base_model to apply the adapters to");
        }
        if (method is not null)
        {
            if (entries.Count < method.MinModels)
            {
                problems.Add($"{method.Name} needs at least {method.MinModels} model(s) besides the base; {entries.Count} given");
            }
            if (entries.Count > method.MaxModels)
            {
                problems.Add($"{method.Name} takes at most {method.MaxModels} model(s) besides the base; {entries.Count} given");
            }
            if (method.RequiresBase && kind == MergeOutputKind.Checkpoint && recipe.BaseModel is null)
            {
                problems.Add($"{method.Name} needs base_model");
            }
        }
        CheckMismatchRule(recipe, entries, problems);
        if (recipe.OutputRank is not null && kind != MergeOutputKind.Adapter)
        {
            problems.Add("output_rank applies only when merging adapters without a base_model (adapter output)");
        }

        MergePlan? plan = null;
        if (method is not null && !openFailed)
        {
            var items = new List<PlanItem>();
            int skipped = kind == MergeOutputKind.Adapter
                ? PlanAdapter(recipe, method, entries, models.Cast<AdapterInput>().ToList(), items, problems)
                : PlanCheckpoint(recipe, method, entries, baseInput, models, items, problems);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if ((baseInput ?? models.FirstOrDefault() as CheckpointInput)?.Checkpoint.Metadata is { } source)
            {
                foreach (KeyValuePair<string, string> kv in source)
                {
                    metadata[kv.Key] = kv.Value;
                }
            }
            metadata.TryAdd("format", "pt");
            metadata["merge_method"] = method.Name;
            metadata["merge_recipe"] = recipe.Text;
            plan = new MergePlan
            {
                Method = method,
                Kind = kind,
                Base = baseInput,
                Models = models,
                Items = items,
                Metadata = metadata,
                Seed = recipe.Seed,
                MaxShardBytes = recipe.MaxShardBytes,
                SkippedTensors = skipped,
            };
        }

        Deduplicate(problems);
        if (problems.Count > 0)
        {
            foreach (InputModel m in opened)
            {
                m.Dispose();
            }
            return null;
        }
        return plan;
    }

    private static InputModel? Open(string name, string path, CheckpointInput? baseInput, List<string> problems)
    {
        try
        {
            if (LoraAdapter.IsAdapter(path))
            {
                LoraAdapter adapter = LoraAdapter.Open(path);
                problems.AddRange(adapter.Problems);
                return new AdapterInput(name, adapter, baseInput);
            }
            if (SafeTensorsCheckpoint.IsCheckpoint(path))
            {
                return new CheckpointInput(name, SafeTensorsCheckpoint.Open(path));
            }
            problems.Add(File.Exists(path) || Directory.Exists(path)
                ? $"model '{name}' ({path}) is neither a safetensors checkpoint nor a LoRA adapter folder"
                : $"model '{name}' not found: {path}");
        }
        catch (Exception ex) when (ex is IOException or SafeTensorsFormatException or InvalidDataException or UnauthorizedAccessException)
        {
            problems.Add($"model '{name}': {ex.Message}");
        }
        return null;
    }

    private static void CheckParameterDeclarations(MergeRecipe recipe, IMergeMethod method, List<string> problems)
    {
        var specs = method.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        string known = specs.Count == 0 ? "none" : string.Join(", ", specs.Keys);
        void CheckSet(IReadOnlyDictionary<string, ParameterValue> set, string where, bool perModel)
        {
            foreach ((string key, ParameterValue value) in set)
            {
                if (!specs.TryGetValue(key, out ParameterSpec? spec))
                {
                    problems.Add($"{where}: unknown parameter '{key}' for {method.Name} (known: {known})");
                    continue;
                }
                if (perModel && spec.Scope == ParameterScope.Global)
                {
                    problems.Add($"{where}: '{key}' is a global parameter of {method.Name}; put it under the top-level parameters");
                }
                foreach (double v in value.Literals().Where(v => !spec.Allows(v)))
                {
                    problems.Add($"{where}: '{key}' = {v} is out of range [{spec.Min}, {spec.Max}]");
                }
            }
        }
        CheckSet(recipe.Parameters, "parameters", perModel: false);
        for (int i = 0; i < recipe.Models.Count; i++)
        {
            CheckSet(recipe.Models[i].Parameters, $"models[{i}] ({recipe.Models[i].Name})", perModel: true);
        }
        foreach (ParameterSpec spec in method.Parameters.Where(s => s.Default is null))
        {
            bool global = recipe.Parameters.ContainsKey(spec.Name);
            if (spec.Scope == ParameterScope.Global && !global)
            {
                problems.Add($"{method.Name} needs parameter '{spec.Name}' ({spec.Description}) under parameters");
            }
            else if (spec.Scope == ParameterScope.PerModel && !global)
            {
                foreach (RecipeModel m in recipe.Models.Where(m => !m.Parameters.ContainsKey(spec.Name)))
                {
                    problems.Add($"{method.Name} needs parameter '{spec.Name}' ({spec.Description}) for model '{m.Name}' (or globally)");
                }
            }
        }
        var given = recipe.Models
            .Select(m => (IReadOnlySet<string>)m.Parameters.Keys.Concat(recipe.Parameters.Keys).ToHashSet(StringComparer.Ordinal))
            .ToList();
        problems.AddRange(method.ValidateModelParameters(given));
    }

    private static void CheckMismatchRule(MergeRecipe recipe, List<RecipeModel> entries, List<string> problems)
    {
        MismatchRule? rule = recipe.Mismatched;
        if (rule is null)
        {
            return;
        }
        if (rule.Action == MismatchAction.Base && recipe.BaseModel is null)
        {
            problems.Add("mismatched: 'base' needs a base_model");
        }
        if (rule.Action == MismatchAction.Model && FindModel(recipe, entries, rule.ModelName!) < 0
            && !(recipe.BaseModelName is not null && MatchesName(recipe.BaseModelName, recipe.BaseModel!, rule.ModelName!, recipe.BaseDirectory)))
        {
            problems.Add($"mismatched: '{rule.ModelName}' is not skip, base, first or one of the models ({string.Join(", ", entries.Select(e => e.Name))})");
        }
    }

    private static int FindModel(MergeRecipe recipe, List<RecipeModel> entries, string name) =>
        entries.FindIndex(e => MatchesName(e.Name, e.Path, name, recipe.BaseDirectory));

    private static bool MatchesName(string written, string path, string name, string baseDirectory) =>
        written == name
        || SamePath(path, Path.GetFullPath(Path.Combine(baseDirectory, name)))
        || Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)) == name;

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private static int PlanCheckpoint(MergeRecipe recipe, IMergeMethod method, List<RecipeModel> entries,
        CheckpointInput? baseInput, List<InputModel> models, List<PlanItem> items, List<string> problems)
    {
        foreach (AdapterInput a in models.OfType<AdapterInput>())
        {
            foreach (LoraModule m in a.Adapter.Modules.Values)
            {
                if (baseInput is null)
                {
                    break;
                }
                if (!baseInput.Tensors.TryGetValue(m.TargetWeightName, out TensorSlot? slot))
                {
                    problems.Add($"adapter '{a.Name}' adapts '{m.TargetWeightName}', which base_model does not contain");
                }
                else if (!TensorInfo.SameShape(slot.Shape, m.DeltaShape))
                {
                    problems.Add($"adapter '{a.Name}': delta of '{m.TargetWeightName}' is {TensorInfo.FormatShape(m.DeltaShape)} but the base weight is {TensorInfo.FormatShape(slot.Shape)}");
                }
            }
        }

        var participants = new List<InputModel>();
        if (method.RequiresBase && baseInput is not null)
        {
            participants.Add(baseInput);
        }
        participants.AddRange(models);
        InputModel reference = (InputModel?)baseInput ?? models[0];
        var names = new List<string>(reference.Tensors.Keys);
        var seen = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (InputModel p in participants)
        {
            foreach (string n in p.Tensors.Keys.Order(StringComparer.Ordinal))
            {
                if (seen.Add(n))
                {
                    names.Add(n);
                }
            }
        }
        int layerCount = LayerCount(names);
        var mismatched = new List<string>();
        int skipped = 0;
        foreach (string name in names)
        {
            var slots = participants.Select(p => p.Tensors.GetValueOrDefault(name)).ToList();
            bool consistent = slots.All(s => s is not null) && slots.All(s => TensorInfo.SameShape(s!.Shape, slots[0]!.Shape));
            if (consistent)
            {
                TensorSlot first = slots[0]!;
                if (slots.All(s => SafeTensorsDTypes.IsMergeable(s!.DType)))
                {
                    var spec = new TensorSpec(name, recipe.OutputDType ?? first.DType, first.Shape);
                    (var perModel, var global) = ResolveParameters(recipe, method, entries, name, new LayerPosition(LayerPosition.ParseIndex(name), layerCount), problems);
                    items.Add(new MergeTensorItem(spec, perModel, global));
                }
                else
                {
                    items.Add(new CopyTensorItem(new TensorSpec(name, first.DType, first.Shape), participants[0], name));
                }
                continue;
            }
            InputModel? source = ChooseSource(recipe, entries, baseInput, models, name, problems, out bool skip);
            if (recipe.Mismatched is null)
            {
                mismatched.Add(DescribeMismatch(name, participants));
            }
            else if (skip)
            {
                skipped++;
            }
            else if (source is not null)
            {
                TensorSlot slot = source.Tensors[name];
                SafeTensorsDType dtype = recipe.OutputDType is { } o && SafeTensorsDTypes.IsMergeable(slot.DType) ? o : slot.DType;
                items.Add(new CopyTensorItem(new TensorSpec(name, dtype, slot.Shape), source, name));
            }
        }
        ReportUnruled(mismatched, "tensors cannot be merged (missing in some inputs or differing in shape)", problems);
        return skipped;
    }

    private static int PlanAdapter(MergeRecipe recipe, IMergeMethod method, List<RecipeModel> entries,
        List<AdapterInput> adapters, List<PlanItem> items, List<string> problems)
    {
        if (adapters.Any(a => a.Adapter.Config.FanInFanOut))
        {
            problems.Add("adapter output from fan_in_fan_out adapters is not supported; give a base_model to write a full checkpoint");
            return 0;
        }
        var targets = adapters.SelectMany(a => a.Adapter.Modules.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        int layerCount = LayerCount(targets);
        var mismatched = new List<string>();
        int skipped = 0;
        foreach (string target in targets)
        {
            var modules = adapters.Select(a => a.Adapter.Modules.GetValueOrDefault(target)).ToList();
            LoraModule? first = modules.First(m => m is not null);
            bool consistent = modules.All(m => m is not null && TensorInfo.SameShape(m.DeltaShape, first!.DeltaShape));
            InputModel? source = null;
            if (!consistent)
            {
                if (recipe.Mismatched is null)
                {
                    mismatched.Add(DescribeMismatch(target, adapters));
                    continue;
                }
                source = ChooseSource(recipe, entries, null, adapters.Cast<InputModel>().ToList(), target, problems, out bool skip);
                if (skip || source is null)
                {
                    skipped += skip ? 1 : 0;
                    continue;
                }
                first = ((AdapterInput)source).Adapter.Modules[target];
            }
            int rows = (int)first!.OutFeatures, cols = (int)first.InFeatures;
            int wanted = recipe.OutputRank ?? (source is null ? modules.Sum(m => m!.Rank) : first.Rank);
            int rank = Math.Min(wanted, Math.Min(rows, cols));
            AdapterInput owner = source as AdapterInput ?? adapters[modules.FindIndex(m => m is not null)];
            SafeTensorsDType dtype = recipe.OutputDType ?? owner.Adapter.Weights.Tensors[first.LoraAName].DType;
            var a = new TensorSpec(PeftPrefix + first.ModuleName + ".lora_A.weight", dtype, [rank, cols]);
            var b = new TensorSpec(PeftPrefix + first.ModuleName + ".lora_B.weight", dtype, [rows, rank]);
            (var perModel, var global) = ResolveParameters(recipe, method, entries, target, new LayerPosition(LayerPosition.ParseIndex(target), layerCount), problems);
            items.Add(new AdapterModuleItem(target, first.ModuleName, a, b, rank, rows, cols, source, perModel, global));
        }

        var extras = adapters.SelectMany(a => a.Adapter.ExtraTensors.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var unruledExtras = new List<string>();
        foreach (string extra in extras)
        {
            if (recipe.Mismatched is null)
            {
                unruledExtras.Add(DescribeMismatch(extra, adapters));
                continue;
            }
            InputModel? source = ChooseSource(recipe, entries, null, adapters.Cast<InputModel>().ToList(), extra, problems, out bool skip);
            if (skip)
            {
                skipped++;
            }
            else if (source is AdapterInput owner)
            {
                string stored = owner.Adapter.ExtraTensors[extra];
                TensorInfo info = owner.Adapter.Weights.Tensors[stored];
                SafeTensorsDType dtype = recipe.OutputDType is { } o && SafeTensorsDTypes.IsMergeable(info.DType) ? o : info.DType;
                items.Add(new CopyTensorItem(new TensorSpec(stored, dtype, info.Shape), owner, extra));
            }
        }
        ReportUnruled(mismatched, "adapter modules are not present in every adapter with the same shape", problems);
        ReportUnruled(unruledExtras, "non-LoRA adapter tensors (e.g. modules_to_save heads) cannot be merged without a base_model", problems);
        return skipped;
    }

    private static InputModel? ChooseSource(MergeRecipe recipe, List<RecipeModel> entries, InputModel? baseInput,
        IReadOnlyList<InputModel> models, string name, List<string> problems, out bool skip)
    {
        skip = false;
        MismatchRule? rule = recipe.Mismatched;
        switch (rule?.Action)
        {
            case null:
                return null;
            case MismatchAction.Skip:
                skip = true;
                return null;
            case MismatchAction.Base:
                if (baseInput is not null && baseInput.Tensors.ContainsKey(name))
                {
                    return baseInput;
                }
                problems.Add($"mismatched: base: base_model has no tensor '{name}'");
                return null;
            case MismatchAction.First:
                return models.FirstOrDefault(m => m.Tensors.ContainsKey(name))
                    ?? (baseInput is not null && baseInput.Tensors.ContainsKey(name) ? baseInput : null);
            default:
                int index = FindModel(recipe, entries, rule.ModelName!);
                InputModel? chosen = index >= 0 && index < models.Count ? models[index]
                    : baseInput is not null && MatchesName(recipe.BaseModelName!, recipe.BaseModel!, rule.ModelName!, recipe.BaseDirectory) ? baseInput : null;
                if (chosen is null)
                {
                    return null;
                }
                if (!chosen.Tensors.ContainsKey(name))
                {
                    problems.Add($"mismatched: '{rule.ModelName}' has no tensor '{name}'");
                    return null;
                }
                return chosen;
        }
    }

    private static string DescribeMismatch(string name, IEnumerable<InputModel> inputs) =>
        name + " (" + string.Join(", ", inputs.Select(i =>
            $"{i.Name}: {(i.Tensors.TryGetValue(name, out TensorSlot? s) ? TensorInfo.FormatShape(s.Shape) : "missing")}")) + ")";

    private static void ReportUnruled(List<string> tensors, string what, List<string> problems)
    {
        if (tensors.Count == 0)
        {
            return;
        }
        string listed = string.Join("; ", tensors.Take(MaxListedTensors));
        string more = tensors.Count > MaxListedTensors ? $"; and {tensors.Count - MaxListedTensors} more" : string.Empty;
        problems.Add($"{tensors.Count} {what} and no 'mismatched' rule (skip | base | first | <model>) is given: {listed}{more}");
    }

    private static (IReadOnlyList<IReadOnlyDictionary<string, double>> PerModel, IReadOnlyDictionary<string, double> Global) ResolveParameters(
        MergeRecipe recipe, IMergeMethod method, List<RecipeModel> entries, string tensor, LayerPosition layer, List<string> problems)
    {
        var global = new Dictionary<string, double>(StringComparer.Ordinal);
        var perModel = entries.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        foreach (ParameterSpec spec in method.Parameters)
        {
            double? globalValue = recipe.Parameters.TryGetValue(spec.Name, out ParameterValue? g) ? g.Resolve(tensor, layer) : null;
            if (spec.Scope == ParameterScope.Global)
            {
                Store(global, spec, globalValue ?? spec.Default, tensor, null, problems);
                continue;
            }
            for (int i = 0; i < entries.Count; i++)
            {
                double? value = entries[i].Parameters.TryGetValue(spec.Name, out ParameterValue? p) ? p.Resolve(tensor, layer) : null;
                Store(perModel[i], spec, value ?? globalValue ?? spec.Default, tensor, entries[i].Name, problems);
            }
        }
        return (perModel, global);
    }

    private static void Store(Dictionary<string, double> target, ParameterSpec spec, double? value, string tensor, string? model, List<string> problems)
    {
        if (value is null)
        {
            problems.Add($"parameter '{spec.Name}'{(model is null ? string.Empty : $" of model '{model}'")} has no value for tensor '{tensor}' (no filter matched and no default)");
            return;
        }
        if (!double.IsNaN(value.Value))
        {
            target[spec.Name] = value.Value;
        }
    }

    private static int LayerCount(IEnumerable<string> names) =>
        names.Select(LayerPosition.ParseIndex).Where(i => i is not null).Select(i => i!.Value + 1).DefaultIfEmpty(0).Max();

    private static void Deduplicate(List<string> problems)
    {
        var distinct = problems.Distinct(StringComparer.Ordinal).ToList();
        const int Max = 100;
        if (distinct.Count > Max)
        {
            int more = distinct.Count - Max;
            distinct = distinct.Take(Max).Append($"... and {more} more problems").ToList();
        }
        problems.Clear();
        problems.AddRange(distinct);
    }
}
